/**
 * Keeps one incident's local record (Dexie, where every screen, search and export reads) and its
 * shared Yjs document in step, both ways:
 * - events written here go into the document (by id, so each goes once), told by the event store
 *   when each write commits;
 * - events that arrive in the document from teammates are written here, in one transaction with
 *   the incident re-projected from all its events in the order every machine agrees on;
 * - the document's own state (the collaborative post-mortem among it) is kept in the `ydocs`
 *   table, so a restart merges with teammates instead of starting over.
 * Dexie stays the local store; the document is how it travels.
 */
import { replay, type TimelineEvent } from '@shared/domain/events'
import { appendEvents, incidentDocName, readEvents } from '@shared/sync/incident-doc'
import * as Y from 'yjs'
import type { SteadyDb } from '../db/database'
import { SharedWrites } from './shared-writes'

/** The origin of changes made from this machine's database, and of state loaded from disk. */
export const LOCAL = Symbol('local')
const STORED = Symbol('stored')

export class IncidentBridge {
  readonly name: string
  /** The last pull and save asked for (one already waiting is not asked for again). */
  private pulling: Promise<void> = Promise.resolve()
  private saving: Promise<void> = Promise.resolve()
  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === STORED) return
    this.saving = this.writes.runOnce(`${this.name} save`, () => this.save()).catch(report)
    if (origin !== LOCAL) this.refresh()
  }

  constructor(
    private readonly db: SteadyDb,
    readonly incidentId: string,
    readonly doc: Y.Doc = new Y.Doc(),
    private readonly now: () => number = Date.now,
    /** Shared by every bridge of the team, so writes that arrive together are one transaction. */
    private readonly writes = new SharedWrites(db),
    /** Told after each pull how many of the document's events this app could not read. */
    private readonly onRefused: (count: number) => void = () => undefined,
  ) {
    this.name = incidentDocName(incidentId)
  }

  /**
   * Loads the stored state, adds what was written here meanwhile, writes what the document has
   * that the database lacks, and follows both sides from then on.
   */
  async start(): Promise<void> {
    await this.writes.run(async () => {
      const stored = await this.db.ydocs.get(this.name)
      if (stored) Y.applyUpdate(this.doc, stored.state, STORED)
      this.doc.off('update', this.onUpdate) // started again after a failure: followed once
      this.doc.on('update', this.onUpdate)
      await this.pull()
    })
  }

  stop(): Promise<void> {
    this.doc.off('update', this.onUpdate)
    return this.idle()
  }

  /** Resolves once what has arrived is written and the state saved (for tests and quitting). */
  async idle(): Promise<void> {
    await this.pulling
    await this.saving
  }

  /** Events written here, as each write commits (the event store says so: see TeamSync). */
  push(written: readonly TimelineEvent[]): void {
    appendEvents(this.doc, written, LOCAL)
  }

  /**
   * Writes what the document has that the database lacks: after a teammate's change arrives, and
   * after a record changed behind the event store's back (an import).
   */
  refresh(): void {
    this.pulling = this.writes.runOnce(`${this.name} pull`, () => this.pull()).catch(report)
  }

  /**
   * Inside a shared write: what teammates added — every event the document has and this database
   * lacks — then the incident as all its events say, with the events numbered in the agreed
   * order. Anything written here that the document lacks goes into it first.
   */
  private async pull(): Promise<void> {
    const { db } = this
    const local = await db.events.where('incidentId').equals(this.incidentId).toArray()
    appendEvents(this.doc, local, LOCAL)
    const known = new Set(local.map((e) => e.id))
    const { events, refused } = readEvents(this.doc, this.incidentId)
    // Left out, and said so: most likely a teammate's newer Steady wrote a kind this one lacks.
    this.onRefused(refused)
    if (events.every((e) => known.has(e.id))) return
    const incident = replay(events)
    if (!incident) return
    await db.events.bulkPut(events)
    await db.incidents.put({ ...incident, lastSeq: events.length })
  }

  /**
   * Inside a shared write: the document's state, so a restart merges instead of starting over.
   * Its mark goes (team-sync.ts): a state saved since the document was left in step is joined
   * again.
   */
  private async save(): Promise<void> {
    await this.db.syncMarks.delete(this.incidentId)
    await this.db.ydocs.put({
      name: this.name,
      state: Y.encodeStateAsUpdate(this.doc),
      updatedAt: this.now(),
    })
  }
}

/** A write that failed is tried again by the next change; the console says why it failed. */
function report(error: unknown): void {
  console.warn('Team sync could not write to the local database:', error)
}
