/**
 * The incidents' full-text index, kept where it cannot slow the page: in a worker (search.worker.ts)
 * that reads the database itself and answers queries by message, and saved between starts, so a
 * start indexes only what changed since the last one (years of post-mortems are not read and
 * tokenised again at every start). Where there is no worker (unit tests), the same service runs
 * on the page.
 */
import type { Incident } from '@shared/domain/model'
import {
  prepareCandidates,
  similarIncidents,
  similarityTerms,
  type Similar,
  type SimilarQuery,
} from '@shared/domain/similar'
import Dexie, { type Table } from 'dexie'
import type { SteadyDb } from '../../db/database'
import { eachSummarySlice, singleKeys, type KeyNode } from '../../db/summaries-reader'
import { changedSince, revisions } from '../../db/summary-revisions'
import { IncidentSearch, type SearchSnapshot } from './search'
import type { Hits } from './search-client'
import { searchSource } from './search-source'

/** The saved index: a database of its own, a cache (lost, it costs one rebuild; no migration). */
export class SearchCache extends Dexie {
  snapshots!: Table<SearchSnapshot & { key: 'index' }, string>
  constructor(name: string) {
    super(name)
    this.version(1).stores({ snapshots: 'key' })
  }
  load = async (): Promise<SearchSnapshot | undefined> => this.snapshots.get('index')
  save = async (snapshot: SearchSnapshot): Promise<void> => {
    await this.snapshots.put({ ...snapshot, key: 'index' })
  }
}

/**
 * Changes that make the index worth saving again. Saving writes the whole index (tens of
 * megabytes at 10,000 incidents, a second of the worker's time), so a day's few edits wait: the
 * next start re-indexes those few in milliseconds.
 */
const SAVE_AFTER_CHANGES = 100

/** More incidents changed than this between syncs, and every stamp is read again. */
const FEW_CHANGES = 2000

/** Summaries read at a time for the stamps (about a megabyte). */
const STAMP_SLICE = 2000

/** How many of a long answer's best matches are sent ahead of the rest. */
export const FIRST_HITS = 100

/** How many of the incidents sharing words with the current one are compared with it. */
const SIMILAR_CANDIDATES = 200

export const searchCacheName = (db: SteadyDb): string => `${db.name}-search`

export class SearchService {
  private readonly index: IncidentSearch
  private saveTimer: ReturnType<typeof setTimeout> | undefined
  private queued: Promise<number> | null = null
  private started: Promise<void>
  private readonly saveAfterMs: number
  private readonly saveAfterChanges: number
  /** Incidents indexed since the index was last saved. */
  private unsaved = 0
  /** Whether a sync has brought the index up to date with the database once. */
  private synced = false

  constructor(
    private readonly db: SteadyDb,
    private readonly cache: Pick<SearchCache, 'load' | 'save'> | null,
    options: {
      saveAfterMs?: number
      sliceMs?: number
      saveAfterChanges?: number
      /** How many recent incidents are searched through everything (see FULL_TEXT_INCIDENTS). */
      fullText?: number
    } = {},
  ) {
    this.saveAfterMs = options.saveAfterMs ?? 2000
    this.saveAfterChanges = options.saveAfterChanges ?? SAVE_AFTER_CHANGES
    this.index = new IncidentSearch(searchSource(db), options.sliceMs, options.fullText)
    Dexie.on.storagemutated.subscribe(this.follow)
    this.started = this.restore()
  }

  private async restore(): Promise<void> {
    const snapshot = await this.cache?.load().catch(() => undefined)
    if (!snapshot) return
    this.restored = this.index.restore(snapshot)
    // What it indexed is every incident's last update as of its revision: the first sync reads
    // only the summaries written since (not every incident's: 2.3 s at 100,000).
    if (this.restored && snapshot.rev !== undefined) {
      this.stamps = Promise.resolve(new Map(snapshot.indexed))
      this.stampsRev = this.indexedRev = snapshot.rev
    } else if (this.restored) this.saveWithRevision = true
  }

  /** Saved before it kept a revision: saved again after the first sync, with one. */
  private saveWithRevision = false

  /** Whether the saved index was read back: it answers queries before the first sync. */
  private restored = false

  /**
   * Every incident's last update: read from the summaries once, then patched with the summaries
   * written since the revision it was read at (summary-revisions.ts: one indexed read), whoever
   * wrote them, even while the app was closed. At 100,000 incidents walking the `updatedAt`
   * index at every sync took seconds, during which every other read waited (opening an incident
   * took 2 s).
   */
  private currentStamps(): Promise<Map<string, number>> {
    this.changed = new Set()
    const next = (async () => {
      const known = await this.stamps
      const changes = known && (await changedSince(this.db, this.stampsRev, FEW_CHANGES))
      if (known && changes) {
        const fresh = new Map(changes.fresh.map((summary) => [summary.id, summary.updatedAt]))
        for (const id of changes.ids) {
          const updatedAt = fresh.get(id)
          if (updatedAt === undefined) known.delete(id)
          else known.set(id, updatedAt)
        }
        this.stampsRev = changes.rev
        return known
      }
      // The revision first: whatever is written during the walk is read again next time.
      const { rev } = await revisions(this.db)
      const stamps = await this.readStamps()
      this.stampsRev = rev
      return stamps
    })()
    // A read that fails is made whole again next time.
    this.stamps = next.catch(() => null)
    return next
  }

  /** The summaries' revision `stamps` have every change up to. */
  private stampsRev = 0
  /** The revision the index has every change up to (saved with it; none before a sync). */
  private indexedRev: number | undefined

  /**
   * Every incident's last update, from the summaries a slice at a time: each slice is a short
   * read of its own, so the page's reads (an incident being opened) are answered in between.
   */
  private async readStamps(): Promise<Map<string, number>> {
    const stamps = new Map<string, number>()
    await eachSummarySlice(
      this.db,
      (rows) => rows.forEach((row) => stamps.set(row.id, row.updatedAt)),
      { slice: STAMP_SLICE },
    )
    return stamps
  }

  /**
   * Incidents the database reported changed since the last sync (some, or 'all'): a search
   * brings the index up to date before it answers.
   */
  private changed: Set<string> | 'all' = new Set()
  private stamps: Promise<Map<string, number> | null> = Promise.resolve(null)
  private readonly follow = (parts: Record<string, unknown>) => {
    // An incident's summary is written with it, whoever writes (and alone, when repaired).
    const part = parts[`idb://${this.db.name}/summaries/`]
    if (part === undefined || this.changed === 'all') return
    const keys = singleKeys(part as KeyNode, FEW_CHANGES)
    if (keys === null || this.changed.size + keys.length > FEW_CHANGES) this.changed = 'all'
    else for (const key of keys) this.changed.add(key)
  }

  /** Stops following the database (tests). */
  stop(): void {
    Dexie.on.storagemutated.unsubscribe(this.follow)
  }

  /**
   * Brings the index up to date with the database: only incidents changed since are read (see
   * `currentStamps`). Calls made while one waits to start share it. Resolves to how many
   * incidents were (re)indexed.
   */
  sync(): Promise<number> {
    this.queued ??= this.started.then(async () => {
      this.queued = null
      const stamps = await this.currentStamps()
      const rev = this.stampsRev
      const changed = await this.index.update(stamps, async (wanted) =>
        (await this.db.incidents.bulkGet(wanted)).filter((i): i is Incident => i !== undefined),
      )
      this.indexedRev = rev
      this.unsaved += changed
      this.synced = true
      if (this.unsaved >= this.saveAfterChanges || this.saveWithRevision) this.saveSoon()
      return changed
    })
    return this.queued
  }

  search(query: string): string[] {
    return this.index.search(query)
  }

  /**
   * Past incidents like `current` ("Seen before?"): the index names the few hundred that share
   * its words, and only those are read and compared, however long the history.
   */
  async similar(current: SimilarQuery, limit = 5): Promise<Similar[]> {
    // Not from an empty index while the saved one loads: that would say nothing is alike.
    await this.started
    const ids = this.index
      .candidates(similarityTerms(current), SIMILAR_CANDIDATES)
      .filter((id) => id !== current.id)
    const past = (await this.db.incidents.bulkGet(ids)).filter(
      (i): i is Incident => i !== undefined && i.status !== 'active',
    )
    return similarIncidents(current, prepareCandidates(past), { limit })
  }

  /** Incidents the running sync still has to index. */
  get behind(): number {
    return this.index.behind
  }

  /** Incidents last changed before this are searched through their headline only. */
  get headlineBefore(): number | null {
    return this.index.headlineBefore
  }

  /**
   * The answer to `query` as the list shows it (and, when it is long, its beginning first to
   * `first`). It waits for the saved index (an empty index answered "nothing matches"
   * meanwhile). Without one, until the first sync has run, every
   * incident not in the index counts as still to add. With one, it answers at once: what changed
   * since it was saved (a few incidents, usually) is indexed by the first sync, and the list asks
   * again then (at 100,000 incidents, reading every incident's last change takes two seconds).
   * After that, what changed since the last sync is indexed before answering.
   */
  async hits(query: string, first?: (hits: Hits) => void): Promise<Hits> {
    await this.started
    // A few incidents changed since the last sync (the one just captured, say): indexed first,
    // in a few milliseconds, rather than answered without.
    if (this.synced && this.changed !== 'all' && this.changed.size > 0) await this.sync()
    // Before the first sync has counted them, every incident not in the index.
    const missing =
      this.synced || this.restored
        ? 0
        : Math.max(0, ((await this.stamps) ?? (await this.currentStamps())).size - this.index.size)
    const state = { behind: Math.max(this.behind, missing), headlineBefore: this.headlineBefore }
    const ranking = this.index.rank(query)
    // Tens of thousands of matches (a common word, in years of incidents) take a while to sort
    // and to send, and more to show: the best come first, for the rows on screen.
    if (first && ranking.count > FIRST_HITS)
      first({ ...state, ids: ranking.best(FIRST_HITS), partial: true })
    return { ...state, ids: ranking.all() }
  }

  /** Saves the index a moment after changes stop (it is written whole, so not for a few). */
  private saveSoon(): void {
    if (!this.cache) return
    clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => void this.save(), this.saveAfterMs)
  }

  /** Saves the index now (tests; otherwise a moment after changes stop). */
  async save(): Promise<void> {
    clearTimeout(this.saveTimer)
    this.unsaved = 0
    if (this.indexedRev !== undefined) this.saveWithRevision = false
    await this.cache?.save({ ...this.index.snapshot(), rev: this.indexedRev })
  }
}
