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
  BackupSnapshot,
  IpcEvent,
  IpcEventArgs,
  IpcResult,
  DesktopPreferences,
  HostRequest,
  MarkdownFile,
  ScheduledReminder,
  TrayStatus,
  SteadyApi,
} from '../shared/ipc-contract'

/** Listens to one main-process message; the page never sees the IPC event object. */
function subscribe<E extends IpcEvent>(channel: E, listener: (...args: IpcEventArgs<E>) => void) {
  const wrapped = (_event: unknown, ...args: unknown[]) => listener(...(args as IpcEventArgs<E>))
  ipcRenderer.on(channel, wrapped)
  return () => {
    ipcRenderer.removeListener(channel, wrapped)
  }
}

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
  reminders: {
    sync: (schedule: ScheduledReminder[]) => invoke('reminders:sync', schedule),
  },
  tray: {
    update: (status: TrayStatus) => invoke('tray:update', status),
  },
  team: {
    getSecret: () => invoke('team:get-secret'),
    setSecret: (secret: string | null) => invoke('team:set-secret', secret),
    hostStatus: () => invoke('team:host-status'),
    host: (request: HostRequest | null) => invoke('team:host', request),
  },
  desktop: {
    getPreferences: () => invoke('desktop:get-preferences'),
    setPreferences: (changes: Partial<DesktopPreferences>) =>
      invoke('desktop:set-preferences', changes),
  },
  backup: {
    write: (snapshot: BackupSnapshot & { reason: 'scheduled' | 'quit' }) =>
      invoke('backup:write', snapshot),
    list: () => invoke('backup:list'),
    restore: (name: string, current: BackupSnapshot) => invoke('backup:restore', name, current),
    reveal: () => invoke('backup:reveal'),
  },
  events: {
    onOpenIncident: (listener: (incidentId: string) => void) =>
      subscribe('app:open-incident', listener),
    onNewIncident: (listener: () => void) => subscribe('app:new-incident', listener),
    onOpenReminders: (listener: () => void) => subscribe('app:open-reminders', listener),
    onRemindersFired: (listener: (fired: ScheduledReminder[]) => void) =>
      subscribe('reminders:fired', listener),
    onBackupRequest: (listener: (reason: 'scheduled' | 'quit') => void) =>
      subscribe('backup:request', listener),
  },
  git: {
    list: () => invoke('git:list'),
    add: () => invoke('git:add'),
    remove: (path: string) => invoke('git:remove', path),
    recent: (window: { from: number; to: number }) => invoke('git:recent', window),
  },
  export: {
    saveMarkdown: (file: MarkdownFile) => invoke('export:save-markdown', file),
    saveFolder: (files: MarkdownFile[]) => invoke('export:save-folder', files),
    savePdf: (fileName: string) => invoke('export:save-pdf', fileName),
  },
} satisfies SteadyApi

contextBridge.exposeInMainWorld('steady', steady)
