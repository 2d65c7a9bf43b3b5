/**
 * The system browser, for links from the page: allowlisted links open at once; a link to this
 * computer or its link-local network (a dev server, a router, a cloud metadata address) can reach
 * what trusts the local machine, so it opens only after the user agrees.
 */
import type { BrowserWindow, Dialog, Shell } from 'electron'
import { DOCUMENT_LINKS, toTrustedExternalUrl } from '../../shared/links'

type Ask = Pick<Dialog, 'showMessageBox'>

export async function confirmLocalLink(
  dialog: Ask,
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

/** Opens `url` in the system browser when it may be; false when refused. */
export function externalOpener(
  dialog: Ask,
  shell: Pick<Shell, 'openExternal'>,
  parent: () => BrowserWindow | null,
): (url: string) => Promise<boolean> {
  return async (url) => {
    const trusted = toTrustedExternalUrl(url)
    const local = trusted ? null : toTrustedExternalUrl(url, DOCUMENT_LINKS)
    if (!trusted && !(local && (await confirmLocalLink(dialog, parent(), local)))) return false
    await shell.openExternal(trusted ?? local ?? '')
    return true
  }
}
