/**
 * Writes to incidents. Every change is a list of timeline events (from the domain's rules), appended
 * in the same transaction that updates the stored incident, so neither can exist without the other.
 */
import Dexie from 'dexie'
import { z } from 'zod'
import {
  applyEvent,
  eventBodySchema,
  openIncidentDrafts,
  replay,
  stampEvents,
  type EventDraft,
  type TimelineEvent,
} from '@shared/domain/events'
import { transition, type Move, type TransitionResult } from '@shared/domain/lifecycle'
import {
  incidentDetailsSchema,
  type HypothesisResult,
  type Incident,
  type IncidentDetails,
  type MitigationAction,
  type Severity,
} from '@shared/domain/model'
import type { Reminder } from '@shared/domain/reminders'
import { changeSeverity } from '@shared/domain/severity'
import type { SteadyDb } from './database'
import { DbError, toDbError } from './errors'

export interface RepoDeps {
  db: SteadyDb
  now?: () => number
  newId?: () => string
}

export type MoveResult =
  { allowed: true; incident: Incident } | Extract<TransitionResult, { allowed: false }>

export class IncidentsRepo {
  private readonly db: SteadyDb
  private readonly now: () => number
  private readonly newId: () => string

  constructor(deps: RepoDeps) {
    this.db = deps.db
    this.now = deps.now ?? Date.now
    this.newId = deps.newId ?? (() => crypto.randomUUID())
  }

  get(id: string): Promise<Incident | undefined> {
    return this.db.incidents.get(id)
  }

  /** The incident's events in recording order (the timeline view orders them by time). */
  events(id: string): Promise<TimelineEvent[]> {
    return this.db.events
      .where('[incidentId+seq]')
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .toArray()
  }

  async open(input: Omit<Parameters<typeof openIncidentDrafts>[0], 'now'> = {}): Promise<Incident> {
    const now = this.now()
    for (const [name, at] of [
      ['start', input.startedAt],
      ['detection', input.detectedAt],
    ] as const) {
      if (at !== undefined && (!Number.isFinite(at) || at > now))
        throw new DbError('invalid', `The ${name} time cannot be in the future.`)
    }
    return this.record(this.newId(), openIncidentDrafts({ ...input, now }), true)
  }

  /**
   * Appends events and folds them into the stored incident, in one strict-durability transaction.
   * A failure anywhere leaves both tables exactly as they were.
   */
  async record(
    incidentId: string,
    drafts: readonly EventDraft[],
    isNew = false,
  ): Promise<Incident> {
    for (const draft of drafts) {
      const parsed = eventBodySchema.safeParse(draft)
      if (!parsed.success)
        throw new DbError('invalid', `This change was not saved: ${z.prettifyError(parsed.error)}`)
    }
    try {
      return await this.db.transaction('rw', this.db.incidents, this.db.events, async () => {
        // A new incident has nothing to read: its id is fresh, and `add` refuses a taken one.
        const current = isNew ? undefined : await this.db.incidents.get(incidentId)
        if (!current && !isNew) throw new DbError('not-found', 'This incident no longer exists.')
        const events = stampEvents(drafts, {
          incidentId,
          lastSeq: isNew ? 0 : (current?.lastSeq ?? (await this.lastSeq(incidentId))),
          recordedAt: this.now(),
          newId: this.newId,
        })
        const first = events[0]
        if (!first) return current as Incident
        const start = current ?? replay([first])
        if (!start)
          throw new DbError('invalid', 'A new incident must start with its opening event.')
        const next = events.slice(current ? 0 : 1).reduce(applyEvent, start)
        // Both writes are queued at once: one round trip to the storage engine, not two.
        const saveIncident = isNew ? this.db.incidents.add(next) : this.db.incidents.put(next)
        await Promise.all([this.db.events.bulkAdd(events), saveIncident])
        return next
      })
    } catch (error) {
      throw toDbError(error, 'write')
    }
  }

  /** Many incidents' events in one transaction (reminders that came due together, say). */
  async recordMany(
    batch: readonly { incidentId: string; drafts: readonly EventDraft[] }[],
  ): Promise<void> {
    if (!batch.length) return
    try {
      await this.db.transaction('rw', this.db.incidents, this.db.events, async () => {
        for (const { incidentId, drafts } of batch) await this.record(incidentId, drafts)
      })
    } catch (error) {
      throw toDbError(error, 'write')
    }
  }

  /** Autosave: records only the fields that really changed; nothing when none did. */
  async editDetails(id: string, changes: Partial<IncidentDetails>): Promise<Incident> {
    const parsed = incidentDetailsSchema.partial().safeParse(changes)
    if (!parsed.success)
      throw new DbError('invalid', `This change was not saved: ${z.prettifyError(parsed.error)}`)
    const current = await this.require(id)
    const changed = Object.fromEntries(
      Object.entries(parsed.data).filter(
        ([key, value]) =>
          JSON.stringify(value) !== JSON.stringify(current[key as keyof IncidentDetails]),
      ),
    )
    if (!Object.keys(changed).length) return current
    return this.record(id, [
      { kind: 'details-edited', at: this.now(), payload: { changes: changed } },
    ])
  }

  /** Asks the lifecycle rules; records the move when they allow it. */
  async move(id: string, move: Move): Promise<MoveResult> {
    const incident = await this.require(id)
    const items = await this.db.actionItems.where('incidentId').equals(id).toArray()
    const result = transition(incident, move, this.now(), items)
    if (!result.allowed) return result
    return { allowed: true, incident: await this.record(id, result.events) }
  }

  async changeSeverity(id: string, to: Severity, reason?: string): Promise<Incident> {
    const incident = await this.require(id)
    const draft = changeSeverity(incident, to, this.now(), reason)
    return draft ? this.record(id, [draft]) : incident
  }

  /** Logs a new mitigation attempt, or updates one already logged (same id). */
  logMitigation(
    id: string,
    attempt: Omit<MitigationAction, 'id' | 'at'> & { id?: string; at?: number },
  ): Promise<Incident> {
    const now = this.now()
    const mitigation = { ...attempt, id: attempt.id ?? this.newId(), at: attempt.at ?? now }
    return this.record(id, [
      { kind: 'mitigation-action', at: mitigation.at, payload: { mitigation } },
    ])
  }

  /** Once is enough: verifying again (a double click, say) records nothing. */
  async verifyMitigation(id: string, at = this.now()): Promise<Incident> {
    const incident = await this.require(id)
    if (incident.mitigatedAt !== null) return incident
    return this.record(id, [{ kind: 'mitigation-verified', at, payload: {} }])
  }

  addHypothesis(id: string, input: { statement: string; howToTest?: string }): Promise<Incident> {
    const hypothesis = {
      id: this.newId(),
      statement: input.statement,
      howToTest: input.howToTest ?? '',
      result: 'untested' as const,
      evidence: '',
    }
    return this.record(id, [{ kind: 'hypothesis-added', at: this.now(), payload: { hypothesis } }])
  }

  testHypothesis(
    id: string,
    hypothesisId: string,
    result: HypothesisResult,
    evidence = '',
  ): Promise<Incident> {
    return this.record(id, [
      { kind: 'hypothesis-tested', at: this.now(), payload: { hypothesisId, result, evidence } },
    ])
  }

  deployFix(id: string, at = this.now()): Promise<Incident> {
    return this.record(id, [{ kind: 'fix-deployed', at, payload: {} }])
  }

  addNote(id: string, text: string, at = this.now()): Promise<Incident> {
    if (at > this.now()) throw new DbError('invalid', 'A note cannot be dated in the future.')
    return this.record(id, [{ kind: 'note', at, payload: { text } }])
  }

  snoozeReminder(reminder: Pick<Reminder, 'id' | 'incidentId' | 'title'>, until: number) {
    return this.record(reminder.incidentId, [
      {
        kind: 'reminder-snoozed',
        at: this.now(),
        payload: { reminderId: reminder.id, title: reminder.title, until },
      },
    ])
  }

  dismissReminder(reminder: Pick<Reminder, 'id' | 'incidentId' | 'title'>) {
    return this.record(reminder.incidentId, [
      {
        kind: 'reminder-dismissed',
        at: this.now(),
        payload: { reminderId: reminder.id, title: reminder.title },
      },
    ])
  }

  /**
   * Corrects when something happened (backdating the start of impact, say). The event keeps its
   * recording time; a `time-corrected` event records the change, and the incident is rebuilt.
   */
  async correctTime(incidentId: string, eventId: string, to: number): Promise<Incident> {
    const now = this.now()
    if (!Number.isFinite(to) || to < 0 || to > now)
      throw new DbError(
        'invalid',
        'That time is impossible: it must be a real date, not in the future.',
      )
    try {
      return await this.db.transaction('rw', this.db.incidents, this.db.events, async () => {
        const events = await this.events(incidentId)
        const target = events.find((e) => e.id === eventId)
        if (!target) throw new DbError('not-found', 'That timeline entry no longer exists.')
        const [correction] = stampEvents(
          [{ kind: 'time-corrected', at: now, payload: { eventId, from: target.at, to } }],
          { incidentId, lastSeq: events.at(-1)?.seq ?? 0, recordedAt: now, newId: this.newId },
        )
        const updated = events.map((e) => (e.id === eventId ? { ...e, at: to } : e))
        const incident = replay([...updated, correction as TimelineEvent])
        if (!incident) throw new DbError('invalid', 'This incident has no opening event.')
        await this.db.events.update(eventId, { at: to })
        await this.db.events.add(correction as TimelineEvent)
        await this.db.incidents.put(incident)
        return incident
      })
    } catch (error) {
      throw toDbError(error, 'write')
    }
  }

  /** Read from the timeline only for incidents stored before they carried `lastSeq`. */
  private async lastSeq(incidentId: string): Promise<number> {
    const last = await this.db.events
      .where('[incidentId+seq]')
      .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
      .last()
    return last?.seq ?? 0
  }

  private async require(id: string): Promise<Incident> {
    const incident = await this.db.incidents.get(id)
    if (!incident) throw new DbError('not-found', 'This incident no longer exists.')
    return incident
  }
}
