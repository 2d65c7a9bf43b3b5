/**
 * Automatic backups of the whole database, as gzip-compressed export files in a `backups` folder
 * under the user-data folder. The page writes them (it owns the data), in pieces, so a backup of
 * any size never passes as one string; this service asks for one every 15 minutes and when the
 * app quits, keeps it only when something changed, puts it in place atomically and keeps a
 * retention rule. Before a restore the page writes the current state as a backup of its own, so
 * the restore can be undone. Older backups (plain `.json`) are listed and read as before.
 */
import { open, readFile, readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { BackupInfo, BackupReason, BackupSummary } from '../../shared/ipc-contract'
import { writeFileAtomic } from '../storage/atomic-write'
import { PendingFiles } from '../storage/pending-files'
import { backupsToKeep } from './retention'

export const BACKUP_EVERY_MS = 15 * 60_000
const READ_PIECE = 8 * 1024 * 1024

const indexSchema = z.array(
  z.object({
    name: z.string(),
    at: z.number(),
    size: z.number(),
    hash: z.string(),
    counts: z.record(z.string(), z.number()),
    reason: z.enum(['scheduled', 'quit', 'before-restore']),
  }),
)
type IndexEntry = z.infer<typeof indexSchema>[number]

export interface BackupDeps {
  dir: string
  now: () => number
  setInterval: (fn: () => void, ms: number) => unknown
  clearInterval: (handle: unknown) => void
  /** Asks the page for a snapshot; it answers by calling write(). */
  requestSnapshot: () => void
  dayOf?: (ms: number) => string
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\..+/, '')

export class BackupService {
  private timer: unknown = null
  private work: Promise<unknown> = Promise.resolve()
  private readonly files = new PendingFiles()
  /** Backups begun and not yet finished, by token. */
  private readonly begun = new Map<string, { name: string; at: number; reason: BackupReason }>()

  constructor(private readonly deps: BackupDeps) {}

  start(): void {
    this.timer = this.deps.setInterval(() => this.deps.requestSnapshot(), BACKUP_EVERY_MS)
    void this.removeUnfinished()
  }

  stop(): void {
    if (this.timer !== null) this.deps.clearInterval(this.timer)
    this.timer = null
    void this.abandon()
  }

  /**
   * Starts a backup the page writes in pieces (an export of everything, gzip-compressed). The
   * pieces go to a temporary file; `finish` puts it in place.
   */
  async begin(reason: BackupReason): Promise<string> {
    const at = this.deps.now()
    const base = `steady-backup-${stamp(at)}${reason === 'before-restore' ? '-before-restore' : ''}`
    // Two backups in the same second must not overwrite each other.
    const taken = new Set([
      ...(await this.readIndex()).map((e) => e.name),
      ...[...this.begun.values()].map((b) => b.name),
    ])
    let name = `${base}.json.gz`
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}.json.gz`
    const token = await this.files.begin(path.join(this.deps.dir, name))
    this.begun.set(token, { name, at, reason })
    return token
  }

  append(token: string, bytes: Uint8Array): Promise<void> {
    if (!this.begun.has(token)) throw new Error('That backup is no longer being written.')
    return this.files.append(token, bytes)
  }

  /**
   * Puts a complete backup in place, unless it holds what the newest one does (its fingerprint,
   * which leaves out the time of the export); then applies the retention rule. `null` drops it.
   * Returns the new backup, or null when nothing was kept.
   */
  finish(token: string, summary: BackupSummary | null): Promise<BackupInfo | null> {
    const begun = this.begun.get(token)
    if (!begun) return Promise.reject(new Error('That backup is no longer being written.'))
    this.begun.delete(token)
    const task = async (): Promise<BackupInfo | null> => {
      const index = await this.readIndex()
      const newest = [...index].sort((a, b) => b.at - a.at)[0]
      if (!summary || (newest?.hash === summary.fingerprint && begun.reason !== 'before-restore')) {
        await this.files.abort(token)
        return null
      }
      const { size } = await this.files.commit(token)
      const entry: IndexEntry = {
        name: begun.name,
        at: begun.at,
        size,
        hash: summary.fingerprint,
        counts: summary.counts,
        reason: begun.reason,
      }
      const kept = backupsToKeep([...index, entry], this.deps.now(), this.deps.dayOf)
      await writeFileAtomic(this.indexFile(), JSON.stringify(kept))
      await this.removeAllBut(kept.map((e) => e.name))
      return info(entry)
    }
    const run = this.work.then(task, task)
    this.work = run.catch(() => undefined)
    return run
  }

  /** A whole backup from content at hand (tests, and small callers): begin, one piece, finish. */
  async write(
    content: string | Uint8Array,
    summary: BackupSummary,
    reason: BackupReason = 'scheduled',
  ): Promise<BackupInfo | null> {
    const token = await this.begin(reason)
    await this.append(token, typeof content === 'string' ? Buffer.from(content) : content)
    return this.finish(token, summary)
  }

  /** Drops the backups still being written (the app quitting before the page finished one). */
  async abandon(): Promise<void> {
    this.begun.clear()
    await this.files.abortAll()
  }

  async list(): Promise<BackupInfo[]> {
    return (await this.readIndex()).sort((a, b) => b.at - a.at).map(info)
  }

  /** Up to 8 MB of a backup from `offset`, and its whole size: a restore reads it in pieces. */
  async read(name: string, offset: number): Promise<{ bytes: Uint8Array; size: number }> {
    const entry = (await this.readIndex()).find((e) => e.name === name)
    if (!entry) throw new Error('That backup no longer exists.')
    const file = await open(path.join(this.deps.dir, entry.name), 'r')
    try {
      const { size } = await file.stat()
      const bytes = new Uint8Array(Math.max(0, Math.min(READ_PIECE, size - offset)))
      if (bytes.byteLength) await file.read(bytes, 0, bytes.byteLength, offset)
      return { bytes, size }
    } finally {
      await file.close()
    }
  }

  private indexFile(): string {
    return path.join(this.deps.dir, 'index.json')
  }

  private async readIndex(): Promise<IndexEntry[]> {
    try {
      const parsed = indexSchema.safeParse(JSON.parse(await readFile(this.indexFile(), 'utf8')))
      if (!parsed.success) return []
      // Entries whose file is gone (deleted by hand) are forgotten.
      const present = await Promise.all(
        parsed.data.map((e) =>
          stat(path.join(this.deps.dir, e.name)).then(
            () => e,
            () => null,
          ),
        ),
      )
      return present.filter((e): e is IndexEntry => e !== null)
    } catch {
      return []
    }
  }

  /** Temporary files of backups a crash left unfinished. */
  private async removeUnfinished(): Promise<void> {
    const files = await readdir(this.deps.dir).catch(() => [])
    for (const file of files)
      if (/^\.steady-backup-.*\.tmp$/.test(file))
        await rm(path.join(this.deps.dir, file), { force: true })
  }

  private async removeAllBut(names: string[]): Promise<void> {
    const keep = new Set([...names, 'index.json'])
    for (const file of await readdir(this.deps.dir)) {
      if (file.startsWith('steady-backup-') && !keep.has(file))
        await rm(path.join(this.deps.dir, file), { force: true })
    }
  }
}

const info = (e: IndexEntry): BackupInfo => ({
  name: e.name,
  at: e.at,
  size: e.size,
  counts: e.counts,
  reason: e.reason,
})
