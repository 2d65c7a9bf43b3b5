/**
 * Timeline events: the incident's history, and the truth its stored state is derived from.
 * `applyEvent` folds one event into an incident; replaying every event of an incident in the order
 * they were recorded (`seq`) reproduces it exactly. Events are appended, never removed; only their
 * `at` (when it happened) can be corrected, while `recordedAt` keeps when it was written down.
 */
import { z } from 'zod'
import {
  actionItemSchema,
  hypothesisResultSchema,
  hypothesisSchema,
  incidentDetailsSchema,
  mitigationActionSchema,
  phaseSchema,
  postmortemStatusSchema,
  severitySchema,
  type Incident,
  type IncidentDetails,
} from './model'

const text = z.string().max(20_000)
const time = z.number().int().nonnegative()
const event = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({ kind: z.literal(kind), payload })

export const eventBodySchema = z.discriminatedUnion('kind', [
  event('incident-opened', z.object({ title: z.string().max(300) })),
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
  event('postmortem-status', z.object({ status: postmortemStatusSchema })),
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
])
export type EventBody = z.infer<typeof eventBodySchema>
export type EventKind = EventBody['kind']

/** What domain rules produce: an event not yet stamped by the repository. */
export type EventDraft = EventBody & { at: number }

export const timelineEventSchema = z.intersection(
  eventBodySchema,
  z.object({
    id: z.string().min(1).max(64),
    incidentId: z.string().min(1).max(64),
    /** Order of recording within the incident, starting at 1. */
    seq: z.number().int().positive(),
    at: time,
    recordedAt: time,
  }),
)
export type TimelineEvent = z.infer<typeof timelineEventSchema>

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
        mitigations: exists
          ? next.mitigations.map((x) => (x.id === m.id ? m : x))
          : [...next.mitigations, m],
      }
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
      }
    case 'break-scheduled':
      return { ...next, breakUntil: e.payload.until }
    case 'reminder-snoozed':
      return markReminder(next, e.payload.reminderId, { snoozedUntil: e.payload.until })
    case 'reminder-dismissed':
      return markReminder(next, e.payload.reminderId, { dismissed: true })
    case 'note':
      return { ...next, notes: [...next.notes, e.payload.text] }
    case 'reminder-fired':
      return markReminder(next, e.payload.reminderId, { firedAt: e.at })
    case 'action-item-changed':
    case 'time-corrected':
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

/** Rebuilds an incident from its events (any order in; applied in recording order). */
export function replay(events: readonly TimelineEvent[]): Incident | null {
  const ordered = [...events].sort((a, b) => a.seq - b.seq)
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
  stamp: { incidentId: string; lastSeq: number; recordedAt: number; newId: () => string },
): TimelineEvent[] {
  return drafts.map((draft, index) => ({
    ...draft,
    id: stamp.newId(),
    incidentId: stamp.incidentId,
    seq: stamp.lastSeq + index + 1,
    recordedAt: stamp.recordedAt,
  }))
}
