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
    this.started = this.restore()
  }

  private async restore(): Promise<void> {
    const snapshot = await this.cache?.load().catch(() => undefined)
    if (snapshot) this.index.restore(snapshot)
  }

  /**
   * Brings the index up to date with the database: every incident's last update comes from the
   * `updatedAt` index (no records), and only incidents changed since are read. Calls made while
   * one waits to start share it. Resolves to how many incidents were (re)indexed.
   */
  sync(): Promise<number> {
    this.queued ??= this.started.then(async () => {
      this.queued = null
      const by = () => this.db.incidents.orderBy('updatedAt')
      const [ids, stamps] = await this.db.transaction('r', this.db.incidents, () =>
        Promise.all([by().primaryKeys(), by().keys()]),
      )
      const changed = await this.index.update(
        new Map(ids.map((id, i) => [id, Number(stamps[i])])),
        async (wanted) =>
          (await this.db.incidents.bulkGet(wanted)).filter((i): i is Incident => i !== undefined),
      )
      this.unsaved += changed
      this.synced = true
      if (this.unsaved >= this.saveAfterChanges) this.saveSoon()
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
   * The answer to `query` as the list shows it. It waits for the saved index (at 100,000
   * incidents it takes seconds to load: an empty index answered "nothing matches" meanwhile),
   * and until the first sync has run, every incident not in the index counts as still to add.
   */
  async hits(query: string): Promise<Hits> {
    await this.started
    const missing = this.synced
      ? 0
      : Math.max(0, (await this.db.incidents.count()) - this.index.size)
    return {
      ids: this.search(query),
      behind: Math.max(this.behind, missing),
      headlineBefore: this.headlineBefore,
    }
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
    await this.cache?.save(this.index.snapshot())
  }
}
