/**
 * The preload exposes `window.steady`: one named function per capability, typed by the IPC contract.
 * Never a generic send/invoke/on, never an event object, never process.env.
 *
 * WARNING: this runs sandboxed, where only a few Electron modules can be required; electron-vite
 * bundles it into one CommonJS file, and it imports nothing but types from the contract.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type {
  IpcArgs,
  IpcChannel,
  IpcResult,
  MarkdownFile,
  SteadyApi,
} from '../shared/ipc-contract'

function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<C>>
}

const steady = {
  app: {
    getInfo: () => invoke('app:get-info'),
  },
  shell: {
    openExternal: (url: string) => invoke('shell:open-external', url),
  },
  export: {
    saveMarkdown: (file: MarkdownFile) => invoke('export:save-markdown', file),
    saveFolder: (files: MarkdownFile[]) => invoke('export:save-folder', files),
  },
} satisfies SteadyApi

contextBridge.exposeInMainWorld('steady', steady)
