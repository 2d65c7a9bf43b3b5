/**
 * The one way to change an incident. A change is a list of event drafts, computed by a domain
 * command from the incident as read *inside* the write transaction, validated, stamped and appended
 * in the same strict-durability transaction that folds them into the stored incident. Nothing
 * reads a record, awaits, and writes the whole record back: two edits at once (in one tab or two)
 * both land, in the order IndexedDB runs their transactions.
 */
import {
  applyEvent,
  eventBodySchema,
  replay,
  stampEvents,
  type EventDraft,
  type TimelineEvent,
} from '@shared/domain/events'
import { happenedAt, Refusal, type Ctx } from '@shared/domain/commands'
import type { Incident } from '@shared/domain/model'
import Dexie, { type Table, type Transaction } from 'dexie'
import { z } from 'zod'
import type { SteadyDb } from './database'
import { DbError, toDbError } from './errors'
import { incidentEvents, lastEvent } from './queries/incident'

export interface RepoDeps {
  db: SteadyDb
  now?: () => number
  newId?: () => string
  /** Who records events here, in a team; nobody is named when working alone. */
  author?: () => string
}

/** A domain command, run on the incident as it is inside the transaction. */
export type Command = (incident: Incident, ctx: Ctx) => readonly EventDraft[]

/** Refuses drafts the schema does not accept, with words for the user. */
export function validateDrafts(drafts: readonly EventDraft[]): void {
  for (const draft of drafts) {
    const parsed = eventBodySchema.safeParse(draft)
    if (!parsed.success)
      throw new DbError('invalid', `This change was not saved: ${z.prettifyError(parsed.error)}`)
  }
}

/** Domain refusals and schema errors become the database layer's "invalid", with their words. */
function asDbError(error: unknown): DbError {
  if (error instanceof Refusal)
    return new DbError('invalid', `${error.message} Nothing was changed.`)
  if (error instanceof z.ZodError)
    return new DbError('invalid', `This change was not saved: ${z.prettifyError(error)}`)
  return toDbError(error, 'write')
}

export class EventStore {
  readonly db: SteadyDb
  readonly now: () => number
  readonly newId: () => string
  readonly author: () => string

  constructor(deps: RepoDeps) {
    this.db = deps.db
    this.now = deps.now ?? Date.now
    this.newId = deps.newId ?? (() => crypto.randomUUID())
    this.author = deps.author ?? (() => '')
  }

  ctx(): Ctx {
    return { now: this.now(), newId: this.newId }
  }

  /**
   * The one transaction helper: read-write over the incident tables (plus `extra`), errors turned
   * into messages for the user. Nested calls join the transaction already running, if this store
   * opened it.
   */
  async transaction<T>(extra: readonly Table[], work: () => Promise<T>): Promise<T> {
    // Only this store's own transactions are joined. Another writer's (team sync's) can seem
    // current to unrelated code for a few microtasks after it (Dexie's zone echoes): a screen's
    // save made then would fail with "not included in parent transaction".
    const current = Dexie.currentTransaction
    if (current && !this.own.has(current))
      return Dexie.ignoreTransaction(() => this.transaction(extra, work))
    try {
      return await this.db.transaction(
        'rw',
        [this.db.incidents, this.db.events, ...extra],
        async (tx) => {
          this.own.add(tx)
          return await work()
        },
      )
    } catch (error) {
      throw asDbError(error)
    }
  }

  /** The transactions this store opened (see `transaction`). */
  private readonly own = new WeakSet<Transaction>()

  /** Records a new incident from its opening events. */
  open(drafts: readonly EventDraft[]): Promise<Incident> {
    return this.transaction([], () => this.write(this.newId(), drafts, undefined))
  }

  /** Appends the events a command returns for the incident as it is now; returns the result. */
  append(incidentId: string, command: Command | readonly EventDraft[]): Promise<Incident> {
    return this.transaction([], async () => {
      const current = await this.require(incidentId)
      const drafts = typeof command === 'function' ? command(current, this.ctx()) : command
      return this.write(incidentId, drafts, current)
    })
  }

  /** Many incidents' events in one transaction (reminders that came due together, say). */
  async appendMany(
    batch: readonly { incidentId: string; drafts: readonly EventDraft[] }[],
  ): Promise<void> {
    if (!batch.length) return
    await this.transaction([], async () => {
      for (const { incidentId, drafts } of batch) await this.append(incidentId, drafts)
    })
  }

  /** A change to one timeline entry (an edit, a deletion, a star), read in the transaction. */
  changeEntry(
    incidentId: string,
    eventId: string,
    command: (event: TimelineEvent, incident: Incident, ctx: Ctx) => readonly EventDraft[],
  ): Promise<Incident> {
    return this.transaction([], async () => {
      const [current, event] = await Promise.all([
        this.require(incidentId),
        this.db.events.get(eventId),
      ])
      if (!event || event.incidentId !== incidentId)
        throw new DbError('not-found', 'That timeline entry no longer exists.')
      return this.write(incidentId, command(event, current, this.ctx()), current)
    })
  }

  /**
   * Corrects when something happened. The event keeps its recording time and carries the corrected
   * one; a `time-corrected` event records the change (so the timeline can say "corrected from
   * 14:55"), and the incident is rebuilt from its events. Phase moves keep their real time.
   */
  correctTime(incidentId: string, eventId: string, to: number): Promise<Incident> {
    return this.transaction([], async () => {
      const now = this.now()
      const at = happenedAt(to, now)
      const events = await incidentEvents(this.db, incidentId)
      const target = events.find((e) => e.id === eventId)
      if (!target) throw new DbError('not-found', 'That timeline entry no longer exists.')
      if (target.kind === 'phase-changed' || target.kind === 'incident-opened')
        throw new DbError(
          'invalid',
          'Phase moves and the opening of the record keep their real time.',
        )
      const current = await this.require(incidentId)
      if (target.at === at) return current
      const [correction] = stampEvents(
        [{ kind: 'time-corrected', at: now, payload: { eventId, from: target.at, to: at } }],
        { incidentId, lastSeq: events.at(-1)?.seq ?? 0, recordedAt: now, newId: this.newId },
      ) as [TimelineEvent]
      const updated = events.map((e) => (e.id === eventId ? { ...e, at } : e))
      const incident = replay([...updated, correction])
      if (!incident) throw new DbError('invalid', 'This incident has no opening event.')
      await Promise.all([
        this.db.events.update(eventId, { at }),
        this.db.events.add(correction),
        this.db.incidents.put(incident),
      ])
      return incident
    })
  }

  /** Inside a transaction: stamps, appends and folds the drafts. */
  private async write(
    incidentId: string,
    drafts: readonly EventDraft[],
    current: Incident | undefined,
  ): Promise<Incident> {
    validateDrafts(drafts)
    const isNew = current === undefined
    const events = stampEvents(drafts, {
      incidentId,
      // A new incident has nothing to read: its id is fresh, and `add` refuses a taken one.
      lastSeq: isNew ? 0 : (current.lastSeq ?? (await lastEvent(this.db, incidentId))?.seq ?? 0),
      recordedAt: this.now(),
      newId: this.newId,
      by: this.author(),
    })
    const first = events[0]
    if (!first) {
      if (!current) throw new DbError('invalid', 'A new incident needs its opening event.')
      return current
    }
    const start = current ?? replay([first])
    if (!start) throw new DbError('invalid', 'A new incident must start with its opening event.')
    const next = events.slice(current ? 0 : 1).reduce(applyEvent, start)
    // Both writes are queued at once: one round trip to the storage engine, not two.
    const saveIncident = isNew ? this.db.incidents.add(next) : this.db.incidents.put(next)
    await Promise.all([this.db.events.bulkAdd(events), saveIncident])
    // Told once the write is durable (a rolled-back transaction tells nobody), and outside it:
    // a listener's own reads and writes must not run in the finished transaction's zone.
    const tell = () =>
      Dexie.ignoreTransaction(() =>
        this.written.forEach((listener) => listener(incidentId, events)),
      )
    const tx = Dexie.currentTransaction
    if (tx) tx.on('complete', tell)
    else tell()
    return next
  }

  private readonly written = new Set<(incidentId: string, events: TimelineEvent[]) => void>()

  /** Events written through this store, once committed (team sync sends them on). */
  onWritten(listener: (incidentId: string, events: TimelineEvent[]) => void): () => void {
    this.written.add(listener)
    return () => this.written.delete(listener)
  }

  private async require(id: string): Promise<Incident> {
    const incident = await this.db.incidents.get(id)
    if (!incident) throw new DbError('not-found', 'This incident no longer exists.')
    return incident
  }
}
