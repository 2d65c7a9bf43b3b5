import type { BrowserWindow, Dialog } from 'electron'
import type { Handle } from '../ipc/handle'
import { saveFolder, saveMarkdown, type ExportDialogs } from './export-files'

/** Electron's dialogs, attached to the app's window. */
export function electronDialogs(dialog: Dialog, window: () => BrowserWindow | null): ExportDialogs {
  return {
    chooseFile: async (defaultName, kind) => {
      const win = window()
      const options = {
        title: kind === 'json' ? 'Export all data' : 'Export post-mortem',
        defaultPath: defaultName,
        filters: [
          kind === 'json'
            ? { name: 'Steady export', extensions: ['json'] }
            : { name: 'Markdown', extensions: ['md'] },
        ],
      }
      const result = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options)
      return result.canceled ? undefined : result.filePath
    },
    chooseFolder: async () => {
      const win = window()
      const options = {
        title: 'Export all post-mortems to a folder',
        properties: ['openDirectory', 'createDirectory'] as Array<
          'openDirectory' | 'createDirectory'
        >,
      }
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? undefined : result.filePaths[0]
    },
  }
}

export function registerExportIpc(handle: Handle, dialogs: ExportDialogs): void {
  handle('export:save-markdown', (file) => saveMarkdown(dialogs, file))
  handle('export:save-folder', (files) => saveFolder(dialogs, files))
}
