/**
 * The one contract between the renderer and the main process: every channel, its argument and
 * result types, and the zod schemas the main process validates payloads with. Main registers its
 * handlers through `handle()` (src/main/ipc), the preload builds one named function per channel.
 */
import { z } from 'zod'

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** The folder where the user's data lives (the desktop app's user-data folder). */
  dataPath: z.string(),
  electron: z.string().optional(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const externalUrlSchema = z.string().max(2048)

/** A file name only: no folders, no traversal, no characters Windows refuses. */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
  .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'a plain file name')
  .refine((name) => name !== '.' && name !== '..', 'a plain file name')

export const markdownFileSchema = z.object({
  fileName: fileNameSchema,
  content: z.string().max(200_000_000),
  /** What the save dialog offers; Markdown unless said otherwise. */
  kind: z.enum(['markdown', 'json', 'csv', 'svg']).optional(),
})
export type MarkdownFile = z.infer<typeof markdownFileSchema>

/**
 * The only names a folder export may write: Steady's own `YYYY-MM-DD-slug.md` (or `.json`, `.csv`,
 * a report's `.svg` charts), so a page can never plant `.bashrc` or `run.desktop` in the folder.
 */
export const EXPORT_FILE_NAME = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.(?:md|json|csv|svg)$/
/**
 * What an SVG opened in a browser could run or lead to: a script, embedded HTML, an event handler
 * or a link, in its markup (text in it is escaped, so a service named "x onload=" is no tag).
 * Steady's charts have none of these; a file that does is refused.
 */
const ACTIVE_SVG = [
  /<(?:script|foreignObject|iframe|embed|object)\b/i,
  /<[^>]*\s(?:on[a-z]+|(?:xlink:)?href)\s*=/i,
]
export const folderFileSchema = markdownFileSchema
  .extend({
    fileName: z
      .string()
      .max(120)
      .regex(EXPORT_FILE_NAME, 'a Steady export name (YYYY-MM-DD-slug.md)'),
  })
  .refine(
    (file) =>
      !file.fileName.endsWith('.svg') || !ACTIVE_SVG.some((pattern) => pattern.test(file.content)),
    'an SVG chart without scripts, event handlers or embedded pages',
  )

/** Files in a folder written one at a time: a year's post-mortems at a large team, times ten. */
const MAX_FOLDER_FILES = 1_000_000
/** A file of a folder written one at a time: a Steady Markdown name. */
const markdownFolderFileSchema = z
  .string()
  .max(120)
  .regex(EXPORT_FILE_NAME, 'a Steady export name (YYYY-MM-DD-slug.md)')
  .refine((name) => name.endsWith('.md'), 'a Markdown file')

/** A file of a folder export written in pieces: a Steady CSV name (its content is never checked). */
const streamedFolderFileSchema = z
  .string()
  .max(120)
  .regex(EXPORT_FILE_NAME, 'a Steady export name (YYYY-MM-DD-slug.csv)')
  .refine((name) => name.endsWith('.csv'), 'a CSV file')

/**
 * A global shortcut in Electron's accelerator syntax with at least one modifier, so a setting can
 * never swallow a plain key (typing "n" anywhere on the computer).
 */
const MODIFIERS = new Set(
  'command cmd control ctrl commandorcontrol cmdorctrl alt option altgr shift super meta'.split(
    ' ',
  ),
)
const KEY =
  /^(?:[a-z0-9]|f(?:[1-9]|1\d|2[0-4])|space|tab|backspace|delete|insert|home|end|pageup|pagedown|up|down|left|right|plus|[-=[\];',./`\\])$/i
export function isAccelerator(value: string): boolean {
  const parts = value.split('+')
  if (parts.length < 2 || parts.length > 5) return false
  const key = parts.at(-1) ?? ''
  const mods = parts.slice(0, -1).map((m) => m.toLowerCase())
  return (
    KEY.test(key) &&
    mods.every((m) => MODIFIERS.has(m)) &&
    new Set(mods).size === mods.length &&
    // Shift alone still types a character; a real shortcut needs Ctrl, Cmd, Alt or Super.
    mods.some((m) => m !== 'shift')
  )
}
export const acceleratorSchema = z
  .string()
  .max(60)
  .refine(isAccelerator, 'a key with Ctrl, Cmd, Alt or Super, e.g. CommandOrControl+Alt+N')

/** Sizes the main process accepts for the reminder schedule and the tray; the page trims to them. */
export const SYNC_LIMITS = {
  reminders: 5000,
  title: 500,
  body: 2000,
  activeIncidents: 200,
  incidentTitle: 300,
} as const

export const scheduledReminderSchema = z.object({
  id: z.string().min(1).max(200),
  incidentId: z.string().min(1).max(64),
  at: z.number().int().nonnegative(),
  title: z.string().max(SYNC_LIMITS.title),
  body: z.string().max(SYNC_LIMITS.body),
})
export type ScheduledReminder = z.infer<typeof scheduledReminderSchema>

export const reminderScheduleSchema = z.array(scheduledReminderSchema).max(SYNC_LIMITS.reminders)

/** What the tray (and the dock or taskbar badge) shows. */
export const trayStatusSchema = z.object({
  /** The incidents still in progress, for the tray menu. */
  activeIncidents: z
    .array(z.object({ id: z.string().max(64), title: z.string().max(SYNC_LIMITS.incidentTitle) }))
    .max(SYNC_LIMITS.activeIncidents),
  /** Reminders due now, for the badge. */
  due: z.number().int().nonnegative().max(1_000_000),
})
export type TrayStatus = z.infer<typeof trayStatusSchema>

export const desktopPreferencesSchema = z.object({
  /** Closing the window keeps Steady in the tray, so reminders still fire. */
  closeToTray: z.boolean(),
  openAtLogin: z.boolean(),
  /** An Electron accelerator, e.g. CommandOrControl+Alt+N. */
  quickCaptureShortcut: acceleratorSchema,
})
export type DesktopPreferences = z.infer<typeof desktopPreferencesSchema>
export const DEFAULT_DESKTOP_PREFERENCES: DesktopPreferences = {
  closeToTray: true,
  openAtLogin: false,
  quickCaptureShortcut: 'CommandOrControl+Alt+N',
}
export const desktopStatusSchema = desktopPreferencesSchema.extend({
  /** False when another application holds the quick-capture shortcut. */
  shortcutRegistered: z.boolean(),
})
export type DesktopStatus = z.infer<typeof desktopStatusSchema>

export const backupInfoSchema = z.object({
  name: z.string(),
  at: z.number(),
  size: z.number(),
  counts: z.record(z.string(), z.number()),
  reason: z.enum(['scheduled', 'quit', 'before-restore']),
})
export type BackupInfo = z.infer<typeof backupInfoSchema>

/** What a file written in pieces held, when it is complete: counted rows and a fingerprint. */
const backupSummarySchema = z.object({
  counts: z.record(z.string().max(40), z.number().int().nonnegative()),
  /** The data's hash without the export's time: the same as the newest backup's, nothing is written. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
})
export type BackupSummary = z.infer<typeof backupSummarySchema>

/** A file being written in pieces, named by the token its `begin` answered with. */
const writeTokenSchema = z.string().regex(/^[0-9a-f]{32}$/)
/** Largest piece of a file sent at once (the page sends about 4 MB). */
export const MAX_PIECE = 16 * 1024 * 1024
const bytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes')
const pieceSchema = bytesSchema.refine(
  (bytes) => bytes.byteLength <= MAX_PIECE,
  'at most 16 MB at a time',
)
export const BACKUP_NAME = /^steady-backup-[\w-]+\.json(?:\.gz)?$/
export const backupReasonSchema = z.enum(['scheduled', 'quit', 'before-restore'])
export type BackupReason = z.infer<typeof backupReasonSchema>

export const GIT_LIMITS = {
  repositories: 20,
  changesPerRepository: 200,
  /** Subjects, authors, tags: cut to this many characters. */
  text: 300,
  /** The widest window Triage asks about. */
  windowMs: 7 * 24 * 60 * 60 * 1000,
} as const

export const repositorySchema = z.object({ path: z.string().max(4096), name: z.string().max(300) })
export type Repository = z.infer<typeof repositorySchema>
export const gitChangeSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{40}$/),
  /** When it was committed (committer date), epoch ms. */
  at: z.number(),
  author: z.string().max(GIT_LIMITS.text),
  subject: z.string().max(GIT_LIMITS.text),
  kind: z.enum(['commit', 'merge', 'tag']),
  tags: z.array(z.string().max(GIT_LIMITS.text)).max(50),
})
export type GitChange = z.infer<typeof gitChangeSchema>
export const repositoryChangesSchema = repositorySchema.extend({
  changes: z.array(gitChangeSchema).max(GIT_LIMITS.changesPerRepository),
  error: z.string().max(500).optional(),
})
export type RepositoryChanges = z.infer<typeof repositoryChangesSchema>
const gitWindowSchema = z
  .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
  .refine(
    (w) => w.to >= w.from && w.to - w.from <= GIT_LIMITS.windowMs,
    'a window of at most 7 days',
  )

export const saveResultSchema = z.object({ saved: z.boolean(), where: z.string().optional() })
export type SaveResult = z.infer<typeof saveResultSchema>

/** Channel name → schema of its arguments (a tuple) and of its result. */
/** Hosting the team's sync server on this computer (desktop). */
export const hostRequestSchema = z.object({
  address: z.string().regex(/^\d{1,3}(?:\.\d{1,3}){3}$/, 'an IPv4 address'),
  port: z.number().int().min(1024).max(65_535),
})
export type HostRequest = z.infer<typeof hostRequestSchema>
export const hostStatusSchema = z.object({
  /** The address teammates join, while hosting. */
  hosting: z.string().nullable(),
  address: z.string(),
  port: z.number().int(),
  /** This computer's addresses the server may listen on. */
  addresses: z.array(z.string()),
  problem: z.string().nullable(),
})
export type HostStatus = z.infer<typeof hostStatusSchema>
const teamSecretSchema = z.string().min(16).max(500)

export const ipcContract = {
  'app:get-info': { args: z.tuple([]), result: appInfoSchema },
  'shell:open-external': { args: z.tuple([externalUrlSchema]), result: z.boolean() },
  'export:save-markdown': { args: z.tuple([markdownFileSchema]), result: saveResultSchema },
  'export:save-folder': {
    args: z.tuple([z.array(folderFileSchema).min(1).max(10_000)]),
    result: saveResultSchema,
  },
  /** Prints the page as shown (its print stylesheet: the post-mortem alone) to a PDF file. */
  'export:save-pdf': { args: z.tuple([fileNameSchema]), result: saveResultSchema },
  /** Answers with the reminders in the schedule that already fired, for the timelines. */
  'reminders:sync': { args: z.tuple([reminderScheduleSchema]), result: reminderScheduleSchema },
  'tray:update': { args: z.tuple([trayStatusSchema]), result: z.null() },
  /**
   * An export of everything, written in pieces: `export:begin` asks where (a save dialog) and
   * answers a token (null: cancelled), `export:append` sends each piece, `export:finish` puts the
   * complete file in place (true) or drops it (false).
   */
  'export:begin': {
    args: z.tuple([z.object({ fileName: fileNameSchema, kind: z.enum(['json', 'json.gz']) })]),
    result: writeTokenSchema.nullable(),
  },
  /**
   * Files for a folder sent in pieces the same way (CSV files of any size): asks for the folder
   * and answers it with a token per file, or null when cancelled. CSV only: a file checked whole
   * (an SVG chart) goes through `export:save-folder`.
   */
  'export:begin-folder': {
    args: z.tuple([z.array(streamedFolderFileSchema).min(1).max(4)]),
    result: z.object({ where: z.string(), tokens: z.array(writeTokenSchema) }).nullable(),
  },
  /**
   * A folder of many Markdown files (every post-mortem), written one at a time: its names are
   * planned when the folder is chosen (null: cancelled), then each file's content is sent by its
   * place in that list, and the token is dropped when the export is over.
   */
  'export:open-folder': {
    args: z.tuple([z.array(markdownFolderFileSchema).min(1).max(MAX_FOLDER_FILES)]),
    result: z.object({ where: z.string(), token: writeTokenSchema }).nullable(),
  },
  'export:folder-file': {
    args: z.tuple([
      writeTokenSchema,
      z.number().int().min(0).max(MAX_FOLDER_FILES),
      markdownFileSchema.shape.content,
    ]),
    result: z.null(),
  },
  'export:close-folder': { args: z.tuple([writeTokenSchema]), result: z.null() },
  'export:append': { args: z.tuple([writeTokenSchema, pieceSchema]), result: z.null() },
  'export:finish': { args: z.tuple([writeTokenSchema, z.boolean()]), result: saveResultSchema },
  /** A backup, written in pieces like an export; null instead of a summary drops it. */
  'backup:begin': { args: z.tuple([backupReasonSchema]), result: writeTokenSchema },
  'backup:append': { args: z.tuple([writeTokenSchema, pieceSchema]), result: z.null() },
  'backup:finish': {
    args: z.tuple([writeTokenSchema, backupSummarySchema.nullable()]),
    result: backupInfoSchema.nullable(),
  },
  'backup:list': { args: z.tuple([]), result: z.array(backupInfoSchema) },
  /** A backup's bytes from `offset`, a piece at a time (a restore reads them all). */
  'backup:read': {
    args: z.tuple([z.string().regex(BACKUP_NAME), z.number().int().nonnegative()]),
    result: z.object({ bytes: bytesSchema, size: z.number() }),
  },
  'backup:reveal': { args: z.tuple([]), result: z.null() },
  'git:list': { args: z.tuple([]), result: z.array(repositorySchema) },
  /** Opens a folder dialog in the main process; the page never names a folder to run git in. */
  'git:add': {
    args: z.tuple([]),
    result: z.object({ repositories: z.array(repositorySchema), error: z.string().optional() }),
  },
  'git:remove': { args: z.tuple([z.string().max(4096)]), result: z.array(repositorySchema) },
  'git:recent': {
    args: z.tuple([gitWindowSchema]),
    result: z.array(repositoryChangesSchema).max(GIT_LIMITS.repositories),
  },
  /** The team secret, kept encrypted by the OS keyring; null when none is kept. */
  'team:get-secret': { args: z.tuple([]), result: teamSecretSchema.nullable() },
  /** Keeps (or with null forgets) the secret; false when this computer has no keyring. */
  'team:set-secret': { args: z.tuple([teamSecretSchema.nullable()]), result: z.boolean() },
  'team:host-status': { args: z.tuple([]), result: hostStatusSchema },
  /** Hosts the team's sync server at that address and port; null stops hosting. */
  'team:host': { args: z.tuple([hostRequestSchema.nullable()]), result: hostStatusSchema },
  'desktop:get-preferences': { args: z.tuple([]), result: desktopStatusSchema },
  'desktop:set-preferences': {
    args: z.tuple([desktopPreferencesSchema.partial()]),
    result: desktopStatusSchema,
  },
} as const

/** Messages from the main process to the page. */
export const ipcEvents = {
  'app:open-incident': z.tuple([z.string().max(64)]),
  'app:new-incident': z.tuple([]),
  /** A summary notification asks for the reminder center. */
  'app:open-reminders': z.tuple([]),
  /** Reminders just shown by the main process: the page writes them to their timelines. */
  'reminders:fired': z.tuple([reminderScheduleSchema]),
  /** Time for a backup: the page answers with backup.write(). */
  'backup:request': z.tuple([z.enum(['scheduled', 'quit'])]),
} as const
export type IpcEvent = keyof typeof ipcEvents
export type IpcEventArgs<E extends IpcEvent> = z.infer<(typeof ipcEvents)[E]>

export type IpcChannel = keyof typeof ipcContract
export type IpcArgs<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['args']>
export type IpcResult<C extends IpcChannel> = z.infer<(typeof ipcContract)[C]['result']>

/** What the preload exposes as `window.steady`: one named function per capability. */
export interface SteadyApi {
  app: {
    getInfo(): Promise<AppInfo>
  }
  shell: {
    /** Opens an http(s) or mailto link in the system browser; false when the link was refused. */
    openExternal(url: string): Promise<boolean>
  }
  reminders: {
    /**
     * Hands the whole schedule (what has not fired yet) to the main process, which fires it even
     * with the window closed. Answers with those in it that fired already, for the timelines.
     */
    sync(schedule: ScheduledReminder[]): Promise<ScheduledReminder[]>
  }
  tray: {
    update(status: TrayStatus): Promise<null>
  }
  /** The user's own git repositories, for the recent changes in Triage. */
  git: {
    list(): Promise<Repository[]>
    add(): Promise<{ repositories: Repository[]; error?: string }>
    remove(path: string): Promise<Repository[]>
    recent(window: { from: number; to: number }): Promise<RepositoryChanges[]>
  }
  /** The team: its secret kept by the OS keyring, and hosting its sync server here. */
  team: {
    getSecret(): Promise<string | null>
    setSecret(secret: string | null): Promise<boolean>
    hostStatus(): Promise<HostStatus>
    host(request: HostRequest | null): Promise<HostStatus>
  }
  desktop: {
    getPreferences(): Promise<DesktopStatus>
    setPreferences(changes: Partial<DesktopPreferences>): Promise<DesktopStatus>
  }
  backup: {
    begin(reason: BackupReason): Promise<string>
    append(token: string, bytes: Uint8Array): Promise<null>
    /** Puts the backup in place (unless it holds what the newest does); null drops it. */
    finish(token: string, summary: BackupSummary | null): Promise<BackupInfo | null>
    list(): Promise<BackupInfo[]>
    read(name: string, offset: number): Promise<{ bytes: Uint8Array; size: number }>
    reveal(): Promise<null>
  }
  /** Subscriptions return their unsubscribe function. */
  events: {
    /** A notification or the tray asks to show an incident. */
    onOpenIncident(listener: (incidentId: string) => void): () => void
    /** The quick-capture shortcut or the tray asks for a new incident. */
    onNewIncident(listener: () => void): () => void
    onOpenReminders(listener: () => void): () => void
    onRemindersFired(listener: (fired: ScheduledReminder[]) => void): () => void
    onBackupRequest(listener: (reason: 'scheduled' | 'quit') => void): () => void
  }
  export: {
    /** Asks where to save (a save dialog), then writes the file atomically. */
    saveMarkdown(file: MarkdownFile): Promise<SaveResult>
    /** Asks for a folder, then writes every file into it atomically. */
    saveFolder(files: MarkdownFile[]): Promise<SaveResult>
    /** Asks where to save, then prints the page (its print stylesheet) to a PDF there. */
    savePdf(fileName: string): Promise<SaveResult>
    /** Asks where to save a file sent in pieces; null when the user cancels. */
    begin(file: { fileName: string; kind: 'json' | 'json.gz' }): Promise<string | null>
    /** Asks for a folder for many Markdown files sent one at a time; null when cancelled. */
    openFolder(fileNames: string[]): Promise<{ where: string; token: string } | null>
    folderFile(token: string, index: number, content: string): Promise<null>
    closeFolder(token: string): Promise<null>
    /** Asks for a folder for files sent in pieces; null when the user cancels. */
    beginFolder(fileNames: string[]): Promise<{ where: string; tokens: string[] } | null>
    append(token: string, bytes: Uint8Array): Promise<null>
    finish(token: string, commit: boolean): Promise<SaveResult>
  }
}
