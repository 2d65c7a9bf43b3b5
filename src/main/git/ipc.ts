import type { Dialog } from 'electron'
import type { Handle } from '../ipc/handle'
import type { Repositories } from './repositories'

/** The page's git calls: the list, adding through the folder dialog, removing, recent changes. */
export function registerGitIpc(handle: Handle, repositories: Repositories): void {
  handle('git:list', () => repositories.list())
  handle('git:add', () => repositories.add())
  handle('git:remove', (folder) => repositories.remove(folder))
  handle('git:recent', ({ from, to }) => repositories.recent(from, to))
}

/** Electron's folder dialog, for choosing a repository. */
export const chooseRepository = (dialog: Dialog) => async (): Promise<string | undefined> => {
  const result = await dialog.showOpenDialog({
    title: 'Add a git repository',
    properties: ['openDirectory'],
  })
  return result.canceled ? undefined : result.filePaths[0]
}
