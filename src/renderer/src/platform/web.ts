import type { MarkdownFile, SaveResult } from '@shared/ipc-contract'
import type { ByteSink } from '../db/export-writer'
import { isAllowedLink, needsConsent } from '@shared/links'
import type { NotificationAccess, Platform } from './platform'
import { createWebReminderClock } from './web-reminders'

declare const __STEADY_VERSION__: string

export function createWebPlatform(win: Window = window): Platform {
  const openIncident = new Set<(incidentId: string) => void>()
  const reminders = createWebReminderClock(win, ({ title, body, incidentId }) => {
    if (notificationAccess(win) !== 'granted') return
    const notification = new (notifications(win) as typeof Notification)(title, { body })
    notification.onclick = () => {
      win.focus()
      if (incidentId) openIncident.forEach((listener) => listener(incidentId))
    }
  })
  return {
    kind: 'web',
    getAppInfo: () =>
      Promise.resolve({
        name: 'Steady',
        version: __STEADY_VERSION__,
        platform: `web (${browserName(win.navigator.userAgent)})`,
        dataPath: `This browser's storage for ${win.location.origin}`,
      }),
    openExternal: (url) => {
      const local = needsConsent(url)
      if (!isAllowedLink(url) && !local) return Promise.resolve(false)
      if (
        local &&
        !win.confirm(`${url}\n\nThis link points at this computer or its local network. Open it?`)
      )
        return Promise.resolve(false)
      return Promise.resolve(win.open(url, '_blank', 'noopener,noreferrer') !== null)
    },
    saveMarkdown: (file) => {
      download(win, file)
      return Promise.resolve({ saved: true, where: `Downloads/${file.fileName}` })
    },
    savePdf: () => {
      win.print()
      return Promise.resolve({ saved: true })
    },
    saveExport: ({ fileName, kind }) =>
      Promise.resolve(
        blobSink(win, fileName, kind === 'json' ? 'application/json' : 'application/gzip'),
      ),
    saveFolderFiles: async (fileNames, archive) => {
      const { workerArchive } = await import('./archive-client')
      return workerArchive(fileNames, `Downloads/${archive}`, (zip) =>
        downloadBlob(win, archive, zip),
      )
    },
    saveExportFolder: (fileNames) =>
      Promise.resolve({
        where: 'your downloads folder',
        sinks: fileNames.map((name) => blobSink(win, name, 'text/csv')),
      }),
    saveFolder: (files) => {
      for (const file of files) download(win, file)
      return Promise.resolve({ saved: true, where: 'your downloads folder' })
    },
    syncReminders: (schedule) => reminders.sync(schedule),
    onRemindersFired: (listener) => reminders.onFired(listener),
    updateTray: () => undefined,
    notificationAccess: () => notificationAccess(win),
    requestNotificationAccess: async () =>
      (await notifications(win)?.requestPermission()) ?? 'unsupported',
    onOpenIncident: (listener) => {
      openIncident.add(listener)
      return () => openIncident.delete(listener)
    },
    onNewIncident: () => () => undefined,
    onOpenReminders: () => () => undefined,
    backups: null,
    git: null,
    team: null,
    onBackupRequest: () => () => undefined,
    desktopPreferences: () => Promise.resolve(null),
    setDesktopPreferences: () => Promise.resolve(null),
  }
}

/** The page's Notification API, where the browser has one. */
const notifications = (win: Window): typeof Notification | undefined =>
  (win as Window & { Notification?: typeof Notification }).Notification

function notificationAccess(win: Window): NotificationAccess {
  return notifications(win)?.permission ?? 'unsupported'
}

function download(win: Window, { fileName, content, kind }: MarkdownFile): void {
  const type =
    kind === 'json'
      ? 'application/json'
      : kind === 'csv'
        ? 'text/csv;charset=utf-8'
        : kind === 'svg'
          ? 'image/svg+xml'
          : 'text/markdown;charset=utf-8'
  downloadBlob(win, fileName, new Blob([content], { type }))
}

/**
 * A download made of the pieces written to it. Each piece is kept as a Blob at once: the browser
 * keeps a Blob's bytes outside the page's heap, so an export of hundreds of megabytes is never
 * held there (gathering 16 MB before making one copied them in one task of 40–60 ms).
 */
function blobSink(win: Window, fileName: string, type: string): ByteSink<SaveResult> {
  let parts: Blob[] = []
  return {
    write: async (bytes) => {
      parts.push(new Blob([bytes as BlobPart]))
    },
    close: async () => {
      downloadBlob(win, fileName, new Blob(parts, { type }))
      return { saved: true, where: `Downloads/${fileName}` }
    },
    abort: async () => {
      parts = []
    },
  }
}

function downloadBlob(win: Window, fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = win.document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

function browserName(userAgent: string): string {
  const match = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(userAgent)
  if (!match) return 'browser'
  return match[1] === 'Edg' ? 'Edge' : (match[1] ?? 'browser')
}
