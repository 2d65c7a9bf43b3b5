/**
 * Timeline events: the incident's history, and the truth its stored state is derived from.
 * `applyEvent` folds one event into an incident; replaying every event of an incident in the order
 * they were recorded (`seq`) reproduces it exactly. Events are appended, never removed. A change to
 * something already logged is an event of its own that names its target: a time correction, an
 * edit, a deletion, a star. The stored event's `at` also carries its latest corrected time (so reads
 * need no replay), while `recordedAt` keeps when it was written down.
 */
import { z } from 'zod'
import {
  actionItemSchema,
  hypothesisChangesSchema,
  hypothesisResultSchema,
  hypothesisSchema,
  incidentDetailsSchema,
  mitigationActionSchema,
  mitigationChangesSchema,
  monitoringResultSchema,
  phaseSchema,
  postmortemStatusSchema,
  factorSchema,
  severitySchema,
  timeSchema,
  type Incident,
  type IncidentDetails,
  LIMITS,
  type Note,
} from './model'

const text = z.string().max(LIMITS.text)
const time = timeSchema
const id = z.string().min(1).max(64)
const event = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({ kind: z.literal(kind), payload })

export const eventBodySchema = z.discriminatedUnion('kind', [
  event('incident-opened', z.object({ title: z.string().max(LIMITS.title) })),
  event('impact-started', z.object({})),
  event('detected', z.object({})),
  event('details-edited', z.object({ changes: incidentDetailsSchema.partial() })),
  event('note', z.object({ text })),
  event('phase-changed', z.object({ from: phaseSchema, to: phaseSchema, reason: text.optional() })),
  event(
    'severity-changed',
    z.object({ from: severitySchema.nullable(), to: severitySchema, reason: text.optional() }),
  ),
  event('mitigation-action', z.object({ mitigation: mitigationActionSchema })),
  event('mitigation-verified', z.object({})),
  event('hypothesis-added', z.object({ hypothesis: hypothesisSchema })),
  event(
    'hypothesis-tested',
    z.object({ hypothesisId: z.string(), result: hypothesisResultSchema, evidence: text }),
  ),
  event('fix-deployed', z.object({})),
  event('resolved', z.object({})),
  event('reopened', z.object({ reason: text })),
  event('closed', z.object({ reason: text.optional() })),
  event(
    'postmortem-status',
    z.object({
      status: postmortemStatusSchema,
      /** Made final: its revision number, and the document then, as Markdown. */
      revision: z.number().int().positive().optional(),
      snapshot: z.string().max(5_000_000).optional(),
      /** Who made it final (Settings → your name), when known. */
      by: text.optional(),
      /** Moved on despite gaps in the review gate: the user's reason, and the gaps. */
      override: text.optional(),
      gaps: z.array(text).max(200).optional(),
    }),
  ),
  event('postmortem-roles', z.object({ owner: text, facilitator: text })),
  /** The contributing factors, the whole list as it stands after a change. */
  event('factors-set', z.object({ factors: z.array(factorSchema).max(100) })),
  event('break-scheduled', z.object({ until: time })),
  event('reminder-fired', z.object({ reminderId: z.string().max(200), title: text })),
  event(
    'reminder-snoozed',
    z.object({ reminderId: z.string().max(200), title: text, until: time }),
  ),
  event('reminder-dismissed', z.object({ reminderId: z.string().max(200), title: text })),
  event(
    'action-item-changed',
    z.object({
      change: z.enum(['created', 'edited', 'done', 'verified', 'reopened', 'deleted']),
      item: actionItemSchema,
    }),
  ),
  event('time-corrected', z.object({ eventId: z.string(), from: time, to: time })),
  event('mitigation-edited', z.object({ mitigationId: id, changes: mitigationChangesSchema })),
  event('hypothesis-edited', z.object({ hypothesisId: id, changes: hypothesisChangesSchema })),
  event('note-edited', z.object({ eventId: id, text })),
  /**
   * Removes what an event added (a note, a mitigation attempt, a hypothesis: `itemId` is its id);
   * the history stays.
   */
  event('entry-deleted', z.object({ eventId: id, itemId: id })),
  /** The reader's choice for one entry: always in the story, never, or by its kind. */
  event('entry-marked', z.object({ eventId: id, mark: z.enum(['starred', 'hidden', 'auto']) })),
  event('monitoring-ended', z.object({ result: monitoringResultSchema, note: text })),
  event('incident-deleted', z.object({})),
  event('incident-restored', z.object({})),
])
export type EventBody = z.infer<typeof eventBodySchema>
export type EventKind = EventBody['kind']

/** What domain rules produce: an event not yet stamped by the repository. */
export type EventDraft = EventBody & { at: number }

/** What a recorded event carries beside its body. */
const recordShape = {
  id: z.string().min(1).max(64),
  incidentId: z.string().min(1).max(64),
  /** Order of recording within the incident, starting at 1. */
  seq: z.number().int().positive(),
  at: time,
  recordedAt: time,
  /** Who recorded it, in a team (absent when working alone, and in older records). */
  by: z.string().max(LIMITS.owner).optional(),
}
export type TimelineEvent = EventBody & z.infer<z.ZodObject<typeof recordShape>>

/**
 * A recorded event: each kind's body with the record's fields, one object schema per kind (an
 * intersection of the body and the fields checks the same, ten times slower: an import of
 * 200,000 events spent seconds in it).
 */
export const timelineEventSchema = z.discriminatedUnion(
  'kind',
  eventBodySchema.options.map((body) => body.extend(recordShape)) as unknown as [
    z.ZodObject<{ kind: z.ZodLiteral<string> }>,
  ],
) as unknown as z.ZodType<TimelineEvent>

export function emptyIncident(id: string, at: number): Incident {
  const unchecked = { checked: false, note: '' }
  return {
    id,
    title: '',
    symptoms: '',
    errorMessages: '',
    statusCodes: [],
    endpoints: [],
    detectionSource: 'monitoring',
    detectionNote: '',
    scope: null,
    scopeNote: '',
    recentChanges: {
      deploys: unchecked,
      migrations: unchecked,
      config: unchecked,
      dependencies: unchecked,
    },
    strategy: null,
    strategyNote: '',
    services: [],
    rootCause: { trigger: '', mechanism: '', impact: '', summary: '', contributingFactors: '' },
    fixChecklist: {
      fixWritten: false,
      regressionTest: false,
      testedLocally: false,
      testedStaging: false,
      deployed: false,
      mitigationRemoved: false,
      verified: false,
    },
    phase: 'capture',
    phaseEnteredAt: at,
    status: 'active',
    severity: null,
    openedAt: at,
    startedAt: at,
    detectedAt: at,
    updatedAt: at,
    mitigatedAt: null,
    fixDeployedAt: null,
    resolvedAt: null,
    closedAt: null,
    closeReason: '',
    notes: [],
    monitoringResult: null,
    deletedAt: null,
    statusBeforeDelete: null,
    mitigations: [],
    hypotheses: [],
    postmortemStatus: 'none',
    postmortemFinalAt: null,
    breakUntil: null,
    reminders: {},
  }
}

/** Folds one event into the incident. Pure: returns a new incident. */
export function applyEvent(incident: Incident, e: TimelineEvent): Incident {
  return { ...fold(incident, e), lastSeq: Math.max(incident.lastSeq ?? 0, e.seq) }
}

function fold(incident: Incident, e: TimelineEvent): Incident {
  const next: Incident = { ...incident, updatedAt: Math.max(incident.updatedAt, e.recordedAt) }
  switch (e.kind) {
    case 'incident-opened':
      return {
        ...emptyIncident(e.incidentId, e.at),
        title: e.payload.title,
        updatedAt: e.recordedAt,
      }
    case 'impact-started':
      return { ...next, startedAt: e.at }
    case 'detected':
      return { ...next, detectedAt: e.at }
    case 'details-edited':
      return { ...next, ...e.payload.changes }
    case 'phase-changed':
      return { ...next, phase: e.payload.to, phaseEnteredAt: e.at }
    case 'severity-changed':
      return { ...next, severity: e.payload.to }
    case 'mitigation-action': {
      const m = e.payload.mitigation
      const exists = next.mitigations.some((x) => x.id === m.id)
      return {
        ...next,
        // An attempt happened when its event says (a corrected time moves it).
        mitigations: exists
          ? next.mitigations.map((x) => (x.id === m.id ? m : x))
          : [...next.mitigations, { ...m, at: e.at }],
      }
    }
    case 'mitigation-edited':
      return {
        ...next,
        mitigations: next.mitigations.map((m) =>
          m.id === e.payload.mitigationId ? { ...m, ...e.payload.changes } : m,
        ),
      }
    case 'hypothesis-edited':
      return {
        ...next,
        hypotheses: next.hypotheses.map((h) =>
          h.id === e.payload.hypothesisId ? { ...h, ...e.payload.changes } : h,
        ),
      }
    case 'note-edited':
      return {
        ...next,
        notes: next.notes.map((n) =>
          n.id === e.payload.eventId ? { ...n, text: e.payload.text } : n,
        ),
      }
    case 'entry-deleted':
      return deleteEntry(next, e.payload.itemId)
    case 'monitoring-ended':
      return e.payload.result === 'held'
        ? { ...next, monitoringResult: 'held' }
        : // The fix did not hold: users are hurting again, so the incident is live and back in
          // Mitigate. The earlier verification and resolution stay on the timeline.
          {
            ...next,
            monitoringResult: 'regressed',
            status: 'active',
            phase: 'mitigate',
            phaseEnteredAt: e.at,
            mitigatedAt: null,
            resolvedAt: null,
            closedAt: null,
          }
    case 'incident-deleted':
      return next.status === 'deleted'
        ? next
        : { ...next, status: 'deleted', deletedAt: e.at, statusBeforeDelete: next.status }
    case 'incident-restored':
      return next.status !== 'deleted'
        ? next
        : {
            ...next,
            status: next.statusBeforeDelete ?? 'active',
            deletedAt: null,
            statusBeforeDelete: null,
          }
    case 'mitigation-verified':
      return { ...next, mitigatedAt: e.at }
    case 'hypothesis-added':
      return { ...next, hypotheses: [...next.hypotheses, e.payload.hypothesis] }
    case 'hypothesis-tested':
      return {
        ...next,
        hypotheses: next.hypotheses.map((h) =>
          h.id === e.payload.hypothesisId
            ? { ...h, result: e.payload.result, evidence: e.payload.evidence }
            : h,
        ),
      }
    case 'fix-deployed':
      return { ...next, fixDeployedAt: e.at }
    case 'resolved':
      return { ...next, status: 'resolved', resolvedAt: e.at }
    case 'reopened':
      return { ...next, status: 'active', resolvedAt: null, closedAt: null, closeReason: '' }
    case 'closed':
      return { ...next, status: 'closed', closedAt: e.at, closeReason: e.payload.reason ?? '' }
    case 'postmortem-status':
      return {
        ...next,
        postmortemStatus: e.payload.status,
        postmortemFinalAt: e.payload.status === 'final' ? e.at : null,
        ...(e.payload.revision ? { postmortemRevision: e.payload.revision } : {}),
      }
    case 'factors-set':
      return { ...next, factors: e.payload.factors }
    case 'postmortem-roles':
      return {
        ...next,
        postmortemOwner: e.payload.owner,
        postmortemFacilitator: e.payload.facilitator,
      }
    case 'break-scheduled':
      return { ...next, breakUntil: e.payload.until }
    case 'reminder-snoozed':
      return markReminder(next, e.payload.reminderId, { snoozedUntil: e.payload.until })
    case 'reminder-dismissed':
      return markReminder(next, e.payload.reminderId, { dismissed: true })
    case 'note':
      return { ...next, notes: [...next.notes, { id: e.id, text: e.payload.text }] }
    case 'reminder-fired':
      return markReminder(next, e.payload.reminderId, { firedAt: e.at })
    case 'action-item-changed':
    case 'time-corrected':
    case 'entry-marked':
      return next
  }
}

function markReminder(
  incident: Incident,
  id: string,
  mark: Partial<Incident['reminders'][string]>,
): Incident {
  const current = incident.reminders[id] ?? { snoozedUntil: null, dismissed: false, firedAt: null }
  return { ...incident, reminders: { ...incident.reminders, [id]: { ...current, ...mark } } }
}

/** What an `entry-deleted` event removes: the note, attempt or hypothesis with that id. */
function deleteEntry(incident: Incident, itemId: string): Incident {
  return {
    ...incident,
    notes: incident.notes.filter((n) => n.id !== itemId),
    mitigations: incident.mitigations.filter((m) => m.id !== itemId),
    hypotheses: incident.hypotheses.filter((h) => h.id !== itemId),
  }
}

/**
 * Each event's time with every correction applied: the latest correction (in recording order)
 * wins, whatever order the events arrive in.
 */
export function withCorrectedTimes(events: readonly TimelineEvent[]): TimelineEvent[] {
  const ordered = [...events].sort((a, b) => a.seq - b.seq)
  const corrected = new Map<string, number>()
  for (const e of ordered)
    if (e.kind === 'time-corrected') corrected.set(e.payload.eventId, e.payload.to)
  return ordered.map((e) => {
    const at = corrected.get(e.id)
    return at === undefined || at === e.at ? e : { ...e, at }
  })
}

/**
 * Each incident's notes as its note events wrote them, in recording order, keyed by incident: how
 * records from before notes had ids (and could be edited) get them.
 */
export function notesFromEvents(
  events: Iterable<Pick<TimelineEvent, 'kind' | 'incidentId' | 'seq' | 'id' | 'payload'>>,
): Map<string, Note[]> {
  const found = new Map<string, { seq: number; note: Note }[]>()
  for (const e of events) {
    if (e.kind !== 'note') continue
    const list = found.get(e.incidentId) ?? []
    list.push({ seq: e.seq, note: { id: e.id, text: (e.payload as { text: string }).text } })
    found.set(e.incidentId, list)
  }
  return new Map(
    [...found].map(([id, list]) => [id, list.sort((a, b) => a.seq - b.seq).map((n) => n.note)]),
  )
}

/** Rebuilds an incident from its events (any order in; applied in recording order). */
export function replay(events: readonly TimelineEvent[]): Incident | null {
  const ordered = withCorrectedTimes(events)
  const first = ordered[0]
  if (!first || first.kind !== 'incident-opened') return null
  return ordered.reduce(applyEvent, emptyIncident(first.incidentId, first.at))
}

/** The events that open an incident. Start of impact and detection may be backdated. */
export function openIncidentDrafts(input: {
  now: number
  title?: string
  startedAt?: number
  detectedAt?: number
  details?: Partial<IncidentDetails>
}): EventDraft[] {
  const { now } = input
  const drafts: EventDraft[] = [
    { kind: 'incident-opened', at: now, payload: { title: input.title ?? '' } },
    { kind: 'impact-started', at: input.startedAt ?? now, payload: {} },
    { kind: 'detected', at: input.detectedAt ?? now, payload: {} },
  ]
  if (input.details && Object.keys(input.details).length) {
    drafts.push({ kind: 'details-edited', at: now, payload: { changes: input.details } })
  }
  return drafts
}

/** Gives drafts their identity and recording order, as the repository stores them. */
export function stampEvents(
  drafts: readonly EventDraft[],
  stamp: {
    incidentId: string
    lastSeq: number
    recordedAt: number
    newId: () => string
    /** Who records them (a teammate's name), if anyone is named. */
    by?: string
  },
): TimelineEvent[] {
  return drafts.map((draft, index) => ({
    ...draft,
    id: stamp.newId(),
    incidentId: stamp.incidentId,
    seq: stamp.lastSeq + index + 1,
    recordedAt: stamp.recordedAt,
    ...(stamp.by ? { by: stamp.by } : {}),
  }))
}
