/**
 * Automatic backups of the whole database, as JSON files in a `backups` folder under the user-data
 * folder. The page makes the snapshot (it owns the data); this service asks for one every 15
 * minutes and when the app quits, writes it atomically only when something changed, keeps a
 * retention rule, and saves the current state before a restore so the restore can be undone.
 */
import { createHash } from 'node:crypto'
import { readFile, readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { BackupInfo } from '../../shared/ipc-contract'
import { writeFileAtomic } from '../storage/atomic-write'
import { backupsToKeep } from './retention'

export const BACKUP_EVERY_MS = 15 * 60_000

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

  constructor(private readonly deps: BackupDeps) {}

  start(): void {
    this.timer = this.deps.setInterval(() => this.deps.requestSnapshot(), BACKUP_EVERY_MS)
  }

  stop(): void {
    if (this.timer !== null) this.deps.clearInterval(this.timer)
    this.timer = null
  }

  /** Writes a snapshot unless it equals the newest backup. Returns the new backup, or null. */
  write(
    json: string,
    counts: Record<string, number>,
    reason: IndexEntry['reason'] = 'scheduled',
  ): Promise<BackupInfo | null> {
    const task = async (): Promise<BackupInfo | null> => {
      const hash = createHash('sha256').update(json).digest('hex')
      const index = await this.readIndex()
      const newest = [...index].sort((a, b) => b.at - a.at)[0]
      if (newest?.hash === hash && reason !== 'before-restore') return null
      const at = this.deps.now()
      const base = `steady-backup-${stamp(at)}${reason === 'before-restore' ? '-before-restore' : ''}`
      // Two backups in the same second must not overwrite each other.
      let name = `${base}.json`
      for (let n = 2; index.some((e) => e.name === name); n++) name = `${base}-${n}.json`
      await writeFileAtomic(path.join(this.deps.dir, name), json)
      const entry: IndexEntry = { name, at, size: Buffer.byteLength(json), hash, counts, reason }
      const kept = backupsToKeep(
        [...index.filter((e) => e.name !== name), entry],
        at,
        this.deps.dayOf,
      )
      await writeFileAtomic(this.indexFile(), JSON.stringify(kept))
      await this.removeAllBut(kept.map((e) => e.name))
      return info(entry)
    }
    const run = this.work.then(task, task)
    this.work = run
    return run
  }

  async list(): Promise<BackupInfo[]> {
    return (await this.readIndex()).sort((a, b) => b.at - a.at).map(info)
  }

  /** The content of a backup, after saving the current state as a backup of its own. */
  async restore(
    name: string,
    currentJson: string,
    counts: Record<string, number>,
  ): Promise<string> {
    const entry = (await this.readIndex()).find((e) => e.name === name)
    if (!entry) throw new Error('That backup no longer exists.')
    const content = await readFile(path.join(this.deps.dir, entry.name), 'utf8')
    await this.write(currentJson, counts, 'before-restore')
    return content
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
