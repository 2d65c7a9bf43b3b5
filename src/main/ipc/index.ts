import { ipcMain } from 'electron'
import { createHandle, type Handle } from './handle'

/** The app's `handle()`, bound to Electron's ipcMain. */
export function createAppHandle(isTrustedSender: (url: string) => boolean): Handle {
  return createHandle(ipcMain, isTrustedSender)
}
