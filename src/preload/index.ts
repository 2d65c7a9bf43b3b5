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
  BackupReason,
  BackupSummary,
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
    begin: (reason: BackupReason) => invoke('backup:begin', reason),
    append: (token: string, bytes: Uint8Array) => invoke('backup:append', token, bytes),
    finish: (token: string, summary: BackupSummary | null) =>
      invoke('backup:finish', token, summary),
    list: () => invoke('backup:list'),
    read: (name: string, offset: number) => invoke('backup:read', name, offset),
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
    begin: (file: { fileName: string; kind: 'json' | 'json.gz' }) => invoke('export:begin', file),
    openFolder: (fileNames: string[]) => invoke('export:open-folder', fileNames),
    folderFile: (token: string, index: number, content: string) =>
      invoke('export:folder-file', token, index, content),
    closeFolder: (token: string) => invoke('export:close-folder', token),
    beginFolder: (fileNames: string[]) => invoke('export:begin-folder', fileNames),
    append: (token: string, bytes: Uint8Array) => invoke('export:append', token, bytes),
    finish: (token: string, commit: boolean) => invoke('export:finish', token, commit),
  },
} satisfies SteadyApi

contextBridge.exposeInMainWorld('steady', steady)
