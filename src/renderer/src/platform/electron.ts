import type { SaveResult, SteadyApi } from '@shared/ipc-contract'
import type { ByteSink } from '../db/export-writer'
import type { Platform } from './platform'

export function createElectronPlatform(steady: SteadyApi): Platform {
  /** A file the main process writes as its pieces come (token: from `begin` or `beginFolder`). */
  const piecesTo = (token: string): ByteSink<SaveResult> => ({
    write: async (bytes) => void (await steady.export.append(token, bytes)),
    close: () => steady.export.finish(token, true),
    abort: async () => void (await steady.export.finish(token, false)),
  })
  return {
    kind: 'desktop',
    getAppInfo: () => steady.app.getInfo(),
    openExternal: (url) => steady.shell.openExternal(url),
    saveMarkdown: (file) => steady.export.saveMarkdown(file),
    saveFolder: (files) => steady.export.saveFolder(files),
    savePdf: (fileName) => steady.export.savePdf(fileName),
    saveExport: async (file) => {
      const token = await steady.export.begin(file)
      return token === null ? null : piecesTo(token)
    },
    saveFolderFiles: async (fileNames) => {
      const folder = await steady.export.openFolder(fileNames)
      return (
        folder && {
          where: folder.where,
          write: async (index, content) =>
            void (await steady.export.folderFile(folder.token, index, content)),
          close: async () => void (await steady.export.closeFolder(folder.token)),
        }
      )
    },
    saveExportFolder: async (fileNames) => {
      const folder = await steady.export.beginFolder(fileNames)
      return folder && { where: folder.where, sinks: folder.tokens.map(piecesTo) }
    },
    syncReminders: (schedule) => steady.reminders.sync(schedule),
    onRemindersFired: (listener) => steady.events.onRemindersFired(listener),
    updateTray: (status) => void steady.tray.update(status),
    notificationAccess: () => 'granted',
    requestNotificationAccess: () => Promise.resolve('granted'),
    onOpenIncident: (listener) => steady.events.onOpenIncident(listener),
    onNewIncident: (listener) => steady.events.onNewIncident(listener),
    onOpenReminders: (listener) => steady.events.onOpenReminders(listener),
    backups: steady.backup,
    git: steady.git,
    team: steady.team,
    onBackupRequest: (listener) => steady.events.onBackupRequest(listener),
    desktopPreferences: () => steady.desktop.getPreferences(),
    setDesktopPreferences: (changes) => steady.desktop.setPreferences(changes),
  }
}
