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
import Dexie from 'dexie'
import * as Y from 'yjs'
import type { SteadyDb } from '../db/database'

/** The origin of changes made from this machine's database, and of state loaded from disk. */
export const LOCAL = Symbol('local')
const STORED = Symbol('stored')

export class IncidentBridge {
  readonly name: string
  private saving: Promise<void> = Promise.resolve()
  private pulling: Promise<void> = Promise.resolve()
  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === STORED) return
    this.saving = this.saving.then(() => this.save())
    if (origin !== LOCAL) this.pulling = this.pulling.then(() => this.pull())
  }

  constructor(
    private readonly db: SteadyDb,
    readonly incidentId: string,
    readonly doc: Y.Doc = new Y.Doc(),
    private readonly now: () => number = Date.now,
  ) {
    this.name = incidentDocName(incidentId)
  }

  /** Loads the stored state, adds what was written here meanwhile, and follows both sides. */
  async start(): Promise<void> {
    const stored = await this.db.ydocs.get(this.name)
    if (stored) Y.applyUpdate(this.doc, stored.state, STORED)
    this.doc.off('update', this.onUpdate) // started again after a failure: followed once
    this.doc.on('update', this.onUpdate)
    await this.push()
    await this.pull()
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

  /**
   * The events written here that the document does not have yet go into it: all of them at
   * start, then each write's as it is committed (the event store says so: see TeamSync).
   */
  async push(written?: readonly TimelineEvent[]): Promise<void> {
    const events =
      written ?? (await this.db.events.where('incidentId').equals(this.incidentId).toArray())
    appendEvents(this.doc, events, LOCAL)
  }

  /**
   * Writes what teammates added: every event the document has and this database lacks, then the
   * incident as all its events say, with the events numbered in the agreed order.
   */
  private async pull(): Promise<void> {
    const { db } = this
    await db.transaction('rw', [db.incidents, db.events], async () => {
      const local = await db.events.where('incidentId').equals(this.incidentId).toArray()
      // Anything written here since the last push goes first, so no local event is left out.
      appendEvents(this.doc, local, LOCAL)
      const known = new Set(local.map((e) => e.id))
      const { events } = readEvents(this.doc, this.incidentId)
      if (events.every((e) => known.has(e.id))) return
      const incident = replay(events)
      if (!incident) return
      await db.events.bulkPut(events)
      await db.incidents.put({ ...incident, lastSeq: events.length })
    })
  }

  private async save(): Promise<void> {
    // Outside any transaction the update came from (a pull's): the state is its own write.
    await Dexie.ignoreTransaction(() =>
      this.db.ydocs.put({
        name: this.name,
        state: Y.encodeStateAsUpdate(this.doc),
        updatedAt: this.now(),
      }),
    )
  }
}
