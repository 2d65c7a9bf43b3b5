/**
 * Changes to incidents, by name. Each one is a domain command run by the event store inside its
 * write transaction (see event-store.ts): this file only says which command, with what input.
 */
import * as commands from '@shared/domain/commands'
import type { AttemptInput } from '@shared/domain/commands'
import { openIncidentDrafts, type EventDraft, type TimelineEvent } from '@shared/domain/events'
import { transition, type Move, type TransitionResult } from '@shared/domain/lifecycle'
import type {
  Factor,
  Hypothesis,
  HypothesisResult,
  Incident,
  IncidentDetails,
  MitigationAction,
  MonitoringResult,
  Severity,
} from '@shared/domain/model'
import type { Reminder } from '@shared/domain/reminders'
import { DETAIL_FIELD_LABELS } from '@shared/domain/vocabulary'
import { isExpired } from '@shared/domain/trash'
import type { SteadyDb } from './database'
import { DbError } from './errors'
import { EventStore, type RepoDeps } from './event-store'
import { incidentActionItems, incidentEvents, lastEvent } from './queries/incident'

/**
 * Whether the database holds any incident (in the trash too): one key looked for, where a count
 * walks every incident (300 ms at 100,000).
 */
export const hasIncidents = async (db: SteadyDb): Promise<boolean> =>
  (await db.incidents.limit(1).primaryKeys()).length > 0

export type { RepoDeps } from './event-store'

export type MoveResult =
  { allowed: true; incident: Incident } | Extract<TransitionResult, { allowed: false }>

export class IncidentsRepo {
  readonly store: EventStore
  private readonly db: SteadyDb

  constructor(deps: RepoDeps | EventStore) {
    this.store = deps instanceof EventStore ? deps : new EventStore(deps)
    this.db = this.store.db
  }

  get(id: string): Promise<Incident | undefined> {
    return this.db.incidents.get(id)
  }

  /** The incident's events in recording order (the timeline view orders them by time). */
  events(id: string): Promise<TimelineEvent[]> {
    return incidentEvents(this.db, id)
  }

  /** The last event recorded for the incident (one index read). */
  lastEvent(id: string): Promise<TimelineEvent | undefined> {
    return lastEvent(this.db, id)
  }

  async open(input: Omit<Parameters<typeof openIncidentDrafts>[0], 'now'> = {}): Promise<Incident> {
    const now = this.store.now()
    for (const [name, at] of [
      ['start', input.startedAt],
      ['detection', input.detectedAt],
    ] as const) {
      if (at !== undefined && (!Number.isFinite(at) || at > now))
        throw new DbError('invalid', `The ${name} time cannot be in the future.`)
    }
    return this.store.open(openIncidentDrafts({ ...input, now }))
  }

  /** Links two incidents as possibly the same one, both ways, in one write. */
  link(id: string, otherId: string): Promise<void> {
    return this.store.transaction([], async () => {
      const [a, b] = await Promise.all([this.get(id), this.get(otherId)])
      if (!a || !b) throw new DbError('not-found', 'That incident no longer exists.')
      await this.store.append(id, (incident, ctx) => commands.linkIncident(incident, b, ctx))
      await this.store.append(otherId, (incident, ctx) => commands.linkIncident(incident, a, ctx))
    })
  }

  /** Past incidents from their events (a CSV import): all of them in one write, or none. */
  importMany(incidents: readonly (readonly EventDraft[])[]): Promise<Incident[]> {
    return this.store.transaction([], async () => {
      const opened: Incident[] = []
      for (const drafts of incidents) opened.push(await this.store.open(drafts))
      return opened
    })
  }

  /** Appends events as they are (imports, tests, the reminder engine). */
  record(incidentId: string, drafts: readonly EventDraft[]): Promise<Incident> {
    return this.store.append(incidentId, drafts)
  }

  recordMany(batch: readonly { incidentId: string; drafts: readonly EventDraft[] }[]) {
    return this.store.appendMany(batch)
  }

  /**
   * Saves every valid field; then, if some field was refused, says which (the others are saved:
   * one bad value never blocks the rest).
   */
  async editDetails(id: string, changes: Partial<IncidentDetails>): Promise<Incident> {
    const { valid, refused } = commands.checkDetails(changes)
    const saved = await this.store.append(id, (incident, ctx) =>
      commands.editDetails(incident, valid, ctx),
    )
    if (refused.length)
      throw new DbError(
        'invalid',
        `Not saved: ${refused.map((r) => `${DETAIL_FIELD_LABELS[r.field as keyof IncidentDetails] ?? r.field} (${r.message})`).join('; ')}. Everything else was saved.`,
      )
    return saved
  }

  /** Asks the lifecycle rules, on the incident as it is in the transaction; records the move. */
  async move(id: string, move: Move): Promise<MoveResult> {
    let refused: MoveResult | null = null
    const incident = await this.store.transaction([this.db.actionItems], async () => {
      const items = await incidentActionItems(this.db, id)
      return this.store.append(id, (current, { now }) => {
        const result = transition(current, move, now, items)
        if (result.allowed) return result.events
        refused = result
        return []
      })
    })
    return refused ?? { allowed: true, incident }
  }

  changeSeverity(id: string, to: Severity, reason?: string, at?: number): Promise<Incident> {
    return this.store.append(id, (incident, ctx) =>
      commands.reclassify(incident, { to, reason, at }, ctx),
    )
  }

  /** Logs a new mitigation attempt, at `at` (default now). */
  logMitigation(id: string, attempt: AttemptInput): Promise<Incident> {
    return this.store.append(id, (incident, ctx) => commands.logMitigation(incident, attempt, ctx))
  }

  /** Changes an attempt already logged: only the fields given, only if they differ. */
  editMitigation(
    id: string,
    mitigationId: string,
    changes: Partial<Pick<MitigationAction, 'action' | 'expected' | 'observed' | 'outcome'>>,
  ): Promise<Incident> {
    return this.store.append(id, (incident, ctx) =>
      commands.editMitigation(incident, mitigationId, changes, ctx),
    )
  }

  /** Once is enough: verifying again (a double click, say) records nothing. */
  verifyMitigation(id: string, at?: number): Promise<Incident> {
    return this.store.append(id, (incident, ctx) => commands.verifyMitigation(incident, at, ctx))
  }

  setFactors(id: string, factors: readonly Factor[]): Promise<Incident> {
    return this.store.append(id, (incident, ctx) => commands.setFactors(incident, factors, ctx))
  }

  addHypothesis(id: string, input: { statement: string; howToTest?: string }): Promise<Incident> {
    return this.store.append(id, (incident, ctx) => commands.addHypothesis(incident, input, ctx))
  }

  testHypothesis(
    id: string,
    hypothesisId: string,
    result: HypothesisResult,
    evidence?: string,
    at?: number,
  ): Promise<Incident> {
    return this.store.append(id, (incident, ctx) =>
      commands.testHypothesis(incident, { hypothesisId, result, evidence, at }, ctx),
    )
  }

  editHypothesis(
    id: string,
    hypothesisId: string,
    changes: Partial<Pick<Hypothesis, 'statement' | 'howToTest' | 'evidence'>>,
  ): Promise<Incident> {
    return this.store.append(id, (incident, ctx) =>
      commands.editHypothesis(incident, hypothesisId, changes, ctx),
    )
  }

  deployFix(id: string, at?: number): Promise<Incident> {
    return this.store.append(id, (incident, ctx) => commands.deployFix(incident, at, ctx))
  }

  endMonitoring(
    id: string,
    input: { result: MonitoringResult; note?: string; at?: number },
  ): Promise<Incident> {
    return this.store.append(id, (incident, ctx) => commands.endMonitoring(incident, input, ctx))
  }

  addNote(id: string, text: string, at?: number): Promise<Incident> {
    return this.store.append(id, (incident, ctx) => commands.addNote(incident, { text, at }, ctx))
  }

  editNote(id: string, eventId: string, text: string): Promise<Incident> {
    return this.store.changeEntry(id, eventId, (event, _incident, ctx) =>
      commands.editNote(event, text, ctx),
    )
  }

  deleteEntry(id: string, eventId: string): Promise<Incident> {
    return this.store.changeEntry(id, eventId, (event, _incident, ctx) =>
      commands.deleteEntry(event, ctx),
    )
  }

  /** Deletes a note, an attempt or a hypothesis by its own id (see deleteEntry). */
  deleteItem(id: string, itemId: string): Promise<Incident> {
    return this.store.transaction([], async () => {
      const added = (await incidentEvents(this.db, id)).find(
        (e) =>
          (e.kind === 'note' && e.id === itemId) ||
          (e.kind === 'mitigation-action' && e.payload.mitigation.id === itemId) ||
          (e.kind === 'hypothesis-added' && e.payload.hypothesis.id === itemId),
      )
      if (!added) throw new DbError('not-found', 'That entry no longer exists.')
      return this.deleteEntry(id, added.id)
    })
  }

  markEntry(id: string, eventId: string, mark: 'starred' | 'hidden' | 'auto'): Promise<Incident> {
    return this.store.changeEntry(id, eventId, (event, _incident, ctx) =>
      commands.markEntry(event, mark, ctx),
    )
  }

  /** To the trash (kept 30 days, see trash.ts); `restore` brings it back as it was. */
  delete(id: string): Promise<Incident> {
    return this.store.append(id, commands.deleteIncident)
  }

  restore(id: string): Promise<Incident> {
    return this.store.append(id, commands.restoreIncident)
  }

  /** What is in the trash, most recently deleted first. */
  async trash(): Promise<Incident[]> {
    const deleted = await this.db.incidents.where('status').equals('deleted').toArray()
    return deleted.sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0))
  }

  /** Removes for good what has been in the trash for 30 days, with its timeline and items. */
  async purgeTrash(): Promise<number> {
    const { db } = this
    return this.store.transaction([db.actionItems, db.postmortems], async () => {
      const now = this.store.now()
      const ids = (await db.incidents.where('status').equals('deleted').toArray())
        .filter((incident) => isExpired(incident, now))
        .map((incident) => incident.id)
      if (!ids.length) return 0
      await Promise.all([
        db.events.where('incidentId').anyOf(ids).delete(),
        db.actionItems.where('incidentId').anyOf(ids).delete(),
        db.postmortems.bulkDelete(ids),
        db.incidents.bulkDelete(ids),
      ])
      return ids.length
    })
  }

  /** Snoozes or dismisses many reminders in one transaction (a group, or everything due). */
  settleReminders(
    reminders: readonly Pick<Reminder, 'id' | 'incidentId' | 'title'>[],
    how: { snoozeUntil: number } | 'dismiss',
  ): Promise<void> {
    const ctx = { now: this.store.now(), newId: this.store.newId }
    return this.store.appendMany(
      reminders.map((reminder) => ({
        incidentId: reminder.incidentId,
        drafts:
          how === 'dismiss'
            ? commands.dismissReminder(reminder, ctx)
            : commands.snoozeReminder(reminder, how.snoozeUntil, ctx),
      })),
    )
  }

  /** Corrects when something happened (see EventStore.correctTime). */
  correctTime(incidentId: string, eventId: string, to: number): Promise<Incident> {
    return this.store.correctTime(incidentId, eventId, to)
  }
}
