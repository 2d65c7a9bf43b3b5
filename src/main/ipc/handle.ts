/**
 * The only place the main process registers IPC handlers. Every call is checked twice before a
 * handler runs: the sender frame must be Steady's own page, and the arguments must match the
 * contract's schema. Anything else is refused with an error that says why.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
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

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>

export function createHandle(
  ipcMain: Pick<IpcMain, 'handle'>,
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
