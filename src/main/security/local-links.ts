import type { BrowserWindow, Dialog } from 'electron'

/**
 * A link to this computer or its link-local network (a dev server, a router, a cloud metadata
 * address) can reach what trusts the local machine, so it opens only after the user agrees.
 */
export async function confirmLocalLink(
  dialog: Pick<Dialog, 'showMessageBox'>,
  window: BrowserWindow | null,
  url: string,
): Promise<boolean> {
  const options = {
    type: 'warning' as const,
    title: 'Open a link to this computer?',
    message: 'This link points at this computer or its local network.',
    detail: url,
    buttons: ['Cancel', 'Open'],
    defaultId: 0,
    cancelId: 0,
  }
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options)
  return response === 1
}
