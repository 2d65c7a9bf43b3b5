import type { WebContents } from 'electron'
import type { IpcEvent, IpcEventArgs } from '../../shared/ipc-contract'

/** Sends a typed message from the contract to the page. */
export function sendToPage<E extends IpcEvent>(
  contents: Pick<WebContents, 'send'> | undefined,
  event: E,
  ...args: IpcEventArgs<E>
): void {
  contents?.send(event, ...args)
}
