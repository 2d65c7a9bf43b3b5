/**
 * Metrics' table of every incident and its open action items (metrics-table.ts), kept as the
 * database stands and saved in it: the first open after start reads the saved table and the
 * summaries changed since (tens of milliseconds at 100,000 incidents) instead of every summary
 * and every open item (seconds). Each computation patches them with the incidents changed since
 * the last (summary-revisions.ts; an item's change rewrites its incident's summary); more than a
 * few thousand changed, or every summary cleared (a restore), and they are read whole again.
 */
import {
  buildTable,
  openItemsOf,
  patchOpenItems,
  patchTable,
  restoredTable,
  savedTable,
  type MetricsTable,
  type OpenItems,
  type SavedTable,
} from '@shared/domain/metrics-table'
import type { IncidentSummary } from '@shared/domain/summary'
import Dexie from 'dexie'
import type { SteadyDb } from '../../db/database'
import { eachSummarySlice } from '../../db/summaries-reader'
import { changedSince, revisions } from '../../db/summary-revisions'

/** Where the table is saved, in the caches store. */
export const TABLE_KEY = 'metrics-table'

/**
 * The layout of a saved table and what its rows mean: raise it when either changes (a table
 * saved by another version is then made again).
 */
export const TABLE_FORMAT = 1

/** More summaries changed than this since the table's revision, and it is made again. */
const FEW = 2000

/**
 * The table is saved once Metrics has computed nothing new for this long: a save (tens of
 * megabytes at 100,000 incidents) then never competes with the screen in use. It is saved at the
 * latest SAVE_WITHIN_MS after the first change it does not hold.
 */
export const SAVE_AFTER_MS = 20_000
const SAVE_WITHIN_MS = 120_000

interface SavedRow {
  key: typeof TABLE_KEY
  format: number
  /** The schema version it was saved under (an upgrade may write every summary again). */
  version: number
  /** Every summary written up to this revision is in it. */
  rev: number
  saved: SavedTable
  open: OpenItems
}

/** The table and the open items, as of revision `rev`. */
export interface Kept {
  table: MetricsTable
  open: OpenItems
  rev: number
}

export class MetricsStore {
  private kept: Kept | null = null
  private savedRev = -1
  private saving: ReturnType<typeof setTimeout> | undefined
  /** When the first change the saved table does not hold was patched in. */
  private unsavedSince: number | null = null
  private queue: Promise<unknown> = Promise.resolve()
  /**
   * Whether a summary may have been written since the last update: Dexie reports every write, in
   * any tab or worker, so an update while none came asks the database nothing.
   */
  private written = true
  private readonly revs: string

  constructor(
    private readonly db: SteadyDb,
    private readonly saveAfterMs = SAVE_AFTER_MS,
  ) {
    this.revs = `idb://${db.name}/summaryRevs/`
    Dexie.on.storagemutated.subscribe(this.follow)
  }

  private readonly follow = (parts: Record<string, unknown>) => {
    if (this.revs in parts) this.written = true
  }

  /** The table and the open items as the database stands (one update at a time: each patches). */
  current(): Promise<Kept> {
    const next = this.queue.then(() => this.update())
    this.queue = next.catch(() => undefined)
    return next
  }

  /** Stops following writes, and a save waiting to be made. */
  stop(): void {
    Dexie.on.storagemutated.unsubscribe(this.follow)
    clearTimeout(this.saving)
  }

  private async update(): Promise<Kept> {
    if (this.kept && !this.written) return this.kept
    // Writes reported from now on are read by the next update, if not by this one.
    this.written = false
    let patched: Kept | null
    try {
      this.kept ??= await this.load()
      patched = this.kept && (await this.patched(this.kept))
      this.kept = patched ?? (await this.readWhole())
    } catch (error) {
      this.written = true
      throw error
    }
    // Made whole (seconds at 100,000 incidents): saved at once, so the next start need not again.
    if (this.kept.rev !== this.savedRev) this.saveLater(patched ? this.saveAfterMs : 0)
    return this.kept
  }

  /** `kept` with the incidents changed since its revision read again; null: too many changed. */
  private patched(kept: Kept): Promise<Kept | null> {
    const { db } = this
    return db.transaction(
      'r',
      db.caches,
      db.summaryRevs,
      db.summaries,
      db.actionItems,
      async () => {
        const changes = await changedSince(db, kept.rev, FEW)
        if (!changes) return null
        if (changes.ids.length === 0) return kept
        const ids = new Set(changes.ids)
        const items = await db.actionItems.where('incidentId').anyOf(changes.ids).toArray()
        return {
          table: patchTable(kept.table, ids, changes.fresh),
          open: patchOpenItems(kept.open, ids, items),
          rev: changes.rev,
        }
      },
    )
  }

  /** Saves the table after the next pause of `pause` (see SAVE_AFTER_MS). */
  private saveLater(pause: number) {
    const now = Date.now()
    this.unsavedSince ??= now
    const wait = Math.min(pause, this.unsavedSince + SAVE_WITHIN_MS - now)
    clearTimeout(this.saving)
    this.saving = setTimeout(() => void this.save(), Math.max(0, wait))
  }

  /** The saved table, if it was saved by this version of the app and of the schema. */
  private async load(): Promise<Kept | null> {
    const row = (await this.db.caches.get(TABLE_KEY)) as SavedRow | undefined
    if (!row || row.format !== TABLE_FORMAT || row.version !== this.db.verno) return null
    const table = restoredTable(row.saved)
    const { open } = row
    const whole = [open.incidentIds.length, open.dueAt.length].every((n) => n === open.ids.length)
    if (!table || !whole) return null
    this.savedRev = row.rev
    return { table, open, rev: row.rev }
  }

  /** Made from every summary (a slice at a time) and the open items, as of the revision before. */
  private async readWhole(): Promise<Kept> {
    // Whatever is written from now on has a later revision, and is read again by the next patch.
    const { rev } = await revisions(this.db)
    const all: IncidentSummary[] = []
    await eachSummarySlice(this.db, (rows) => {
      for (const row of rows) all.push(row)
    })
    const table = buildTable(all)
    all.length = 0
    const open = openItemsOf(await this.db.actionItems.where('status').equals('open').toArray())
    return { table, open, rev }
  }

  private async save(): Promise<void> {
    this.saving = undefined
    this.unsavedSince = null
    const kept = this.kept
    if (!kept || kept.rev === this.savedRev) return
    const row: SavedRow = {
      key: TABLE_KEY,
      format: TABLE_FORMAT,
      version: this.db.verno,
      rev: kept.rev,
      saved: savedTable(kept.table),
      open: kept.open,
    }
    try {
      await this.db.caches.put(row)
      this.savedRev = kept.rev
    } catch {
      // Only slower next time: the table is made again from every summary.
    }
  }
}
