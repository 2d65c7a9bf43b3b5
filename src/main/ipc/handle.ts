/**
 * The only place the main process registers IPC handlers. Every call is checked twice before a
 * handler runs: the sender frame must be Steady's own page, and the arguments must match the
 * contract's schema. Anything else is refused with an error that says why.
 */
import { z } from 'zod'
import {
  ipcContract,
  type IpcArgs,
  type IpcChannel,
  type IpcResult,
} from '../../shared/ipc-contract'

export type IpcHandler<C extends IpcChannel> = (
  ...args: IpcArgs<C>
) => IpcResult<C> | Promise<IpcResult<C>>

export type Handle = <C extends IpcChannel>(channel: C, handler: IpcHandler<C>) => void

/** What handle() reads of Electron's IpcMainInvokeEvent: the URL of the frame that sent the call. */
interface SenderEvent {
  senderFrame: { url: string } | null
}

/** The part of Electron's ipcMain that handle() uses; tests pass a plain fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void
}

export function createHandle(
  ipcMain: IpcMainLike,
  isTrustedSender: (url: string) => boolean,
): Handle {
  return (channel, handler) => {
    const schema = ipcContract[channel]
    ipcMain.handle(channel, async (event: SenderEvent, ...raw: unknown[]) => {
      const senderUrl = event.senderFrame?.url
      if (!senderUrl || !isTrustedSender(senderUrl)) {
        throw new Error(`Refused "${channel}": the request did not come from Steady's own page.`)
      }
      const parsed = schema.args.safeParse(raw)
      if (!parsed.success) {
        throw new Error(`Refused "${channel}": invalid arguments. ${z.prettifyError(parsed.error)}`)
      }
      return handler(...(parsed.data as IpcArgs<typeof channel>))
    })
  }
}
