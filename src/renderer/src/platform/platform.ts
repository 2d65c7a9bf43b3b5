import type {
  AppInfo,
  DesktopPreferences,
  DesktopStatus,
  MarkdownFile,
  ScheduledReminder,
  SaveResult,
  SteadyApi,
  TrayStatus,
} from '@shared/ipc-contract'

import type { ByteSink } from '../db/export-writer'

export type NotificationAccess = 'granted' | 'denied' | 'default' | 'unsupported'

/**
 * What the renderer needs from the operating system. Two adapters implement it side by side:
 * `electron.ts` over `window.steady`, and `web.ts` with browser fallbacks. The app picks one at start
 * (platform/index.ts) and nothing else ever checks which one it has.
 */
export interface Platform {
  /** 'desktop' in the Electron app, 'web' in a browser. For display only. */
  readonly kind: 'desktop' | 'web'
  getAppInfo(): Promise<AppInfo>
  /** Opens an allowlisted link outside the app; false when it was refused. */
  openExternal(url: string): Promise<boolean>
  /** Desktop: a save dialog and an atomic write. Web: a download. */
  saveMarkdown(file: MarkdownFile): Promise<SaveResult>
  /** Desktop: a folder picker. Web: one download per file. */
  saveFolder(files: MarkdownFile[]): Promise<SaveResult>
  /**
   * The page as printed (its print stylesheet shows the post-mortem alone). Desktop: a save
   * dialog, then a PDF file. Web: the browser's print dialog, where "Save as PDF" is one choice
   * (saved, with no `where`).
   */
  savePdf(fileName: string): Promise<SaveResult>
  /**
   * Where an export of everything goes, piece by piece (it may be larger than any string).
   * Desktop: a save dialog, then a file written as the pieces come and put in place at the end
   * (null: the user cancelled). Web: a download when complete.
   */
  saveExport(file: {
    fileName: string
    kind: 'json' | 'json.gz'
  }): Promise<ByteSink<SaveResult> | null>
  /**
   * Where many Markdown files go (every post-mortem), each written as it is made. Desktop: a
   * folder dialog (and one question about files already there; null: cancelled), then each file
   * written by its place in `fileNames`. Web: one archive, downloaded as `archive` (a .zip).
   */
  saveFolderFiles(fileNames: string[], archive: string): Promise<FolderWriter | null>
  /**
   * Where CSV files of any size go, each piece by piece, into one folder. Desktop: a folder
   * dialog, then each file written as its pieces come (null: the user cancelled). Web: each a
   * download when complete.
   */
  saveExportFolder(
    fileNames: string[],
  ): Promise<{ where: string; sinks: ByteSink<SaveResult>[] } | null>
  /**
   * Hands the schedule (what has not fired yet) to the reminder clock, which shows each reminder
   * at its time; answers with those in it that fired already, for the timelines. Desktop: the main
   * process, window open or not. Web: this page (one tab of several), with Web Notifications.
   */
  syncReminders(schedule: ScheduledReminder[]): Promise<ScheduledReminder[]>
  /** Reminders the clock just showed, to write to their timelines. */
  onRemindersFired(listener: (fired: ScheduledReminder[]) => void): () => void
  /** The tray menu and the badge count. Web: nothing. */
  updateTray(status: TrayStatus): void
  notificationAccess(): NotificationAccess
  requestNotificationAccess(): Promise<NotificationAccess>
  /** Subscriptions return their unsubscribe function. */
  onOpenIncident(listener: (incidentId: string) => void): () => void
  onNewIncident(listener: () => void): () => void
  onOpenReminders(listener: () => void): () => void
  /** Automatic backups in the user-data folder; null in web mode (export instead). */
  readonly backups: SteadyApi['backup'] | null
  onBackupRequest(listener: (reason: 'scheduled' | 'quit') => void): () => void
  /** The user's own git repositories, for recent changes in Triage; null in web mode. */
  readonly git: SteadyApi['git'] | null
  /** The team secret sealed by the OS keyring, and hosting the sync server; null in web mode. */
  readonly team: SteadyApi['team'] | null
  /** Tray, login item and quick-capture shortcut; null in web mode. */
  desktopPreferences(): Promise<DesktopStatus | null>
  setDesktopPreferences(changes: Partial<DesktopPreferences>): Promise<DesktopStatus | null>
}

/** A folder being written a file at a time (Platform.saveFolderFiles). */
export interface FolderWriter {
  where: string
  /** Writes the `index`th of the names the folder was asked for. */
  write(index: number, content: string): Promise<void>
  /** The export is over, finished or stopped. */
  close(): Promise<void>
}
