/**
 * Every change a user can make to an incident, as a pure function from the incident as it is now
 * to the events that record the change. The event store runs these inside its write transaction,
 * on the incident read in that same transaction, so no change is ever computed from a stale copy.
 * A command that must refuse throws a `Refusal` with words for the user.
 */
import type { z } from 'zod'
import type { EventDraft, TimelineEvent } from './events'
import {
  LIMITS,
  incidentDetailsSchema,
  incidentTitle,
  type ActionItem,
  type Factor,
  type Hypothesis,
  type HypothesisResult,
  type Incident,
  type IncidentDetails,
  type MitigationAction,
  type MonitoringResult,
  type Severity,
} from './model'
import { changeSeverity } from './severity'
import { MINUTE } from './time'

export class Refusal extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Refusal'
  }
}

/** A clock a minute ahead of this one is still "now": the time a user picked is not refused. */
export const CLOCK_SLACK = MINUTE

/**
 * When something happened, as the user said: a real time, not in the future. Defaults to `now`.
 * A time up to a minute ahead (another machine's clock, a picker rounding up) counts as now.
 */
export function happenedAt(at: number | undefined, now: number, what = 'That time'): number {
  if (at === undefined) return now
  if (!Number.isFinite(at) || at < 0)
    throw new Refusal(`${what} is impossible: it must be a real date and time.`)
  if (at > now + CLOCK_SLACK) throw new Refusal(`${what} is impossible: it is in the future.`)
  return Math.min(at, now)
}

export interface Ctx {
  now: number
  newId: () => string
}

/**
 * Splits typed changes into the fields the schema accepts and the ones it refuses, each field on its
 * own: one over-long value never holds the others back.
 */
export function checkDetails(changes: Partial<IncidentDetails>): {
  valid: Partial<IncidentDetails>
  refused: { field: string; message: string }[]
} {
  const valid: Record<string, unknown> = {}
  const refused: { field: string; message: string }[] = []
  const shape = incidentDetailsSchema.shape
  for (const [field, value] of Object.entries(changes)) {
    const schema = shape[field as keyof typeof shape] as z.ZodType | undefined
    if (!schema) {
      refused.push({ field, message: 'is not a field of an incident' })
      continue
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) valid[field] = parsed.data
    else refused.push({ field, message: parsed.error.issues[0]?.message ?? 'is not valid' })
  }
  return { valid: valid as Partial<IncidentDetails>, refused }
}

/** Autosave: records only the fields (checked: see checkDetails) that really changed. */
export function editDetails(incident: Incident, changes: Partial<IncidentDetails>, { now }: Ctx) {
  const changed = onlyChanged<IncidentDetails>(incident, changes)
  return Object.keys(changed).length
    ? [{ kind: 'details-edited', at: now, payload: { changes: changed } } satisfies EventDraft]
    : []
}

export function reclassify(
  incident: Incident,
  input: { to: Severity; reason?: string; at?: number },
  { now }: Ctx,
): EventDraft[] {
  const draft = changeSeverity(
    incident,
    input.to,
    happenedAt(input.at, now, 'The time of the change'),
    input.reason,
  )
  return draft ? [draft] : []
}

export type AttemptInput = Omit<MitigationAction, 'id' | 'at'> & { at?: number }

export function logMitigation(_incident: Incident, input: AttemptInput, ctx: Ctx): EventDraft[] {
  const at = happenedAt(input.at, ctx.now, 'The time of the attempt')
  const { action, expected, observed, outcome } = input
  if (!action.trim()) throw new Refusal('Say what you did or are about to do.')
  const mitigation = { id: ctx.newId(), at, action: action.trim(), expected, observed, outcome }
  return [{ kind: 'mitigation-action', at, payload: { mitigation } }]
}

/** Changes an attempt already logged (its outcome, say); only the fields that differ. */
export function editMitigation(
  incident: Incident,
  mitigationId: string,
  changes: Partial<Pick<MitigationAction, 'action' | 'expected' | 'observed' | 'outcome'>>,
  { now }: Ctx,
): EventDraft[] {
  const current = incident.mitigations.find((m) => m.id === mitigationId)
  if (!current) throw new Refusal('That mitigation attempt no longer exists.')
  if (changes.action !== undefined && !changes.action.trim())
    throw new Refusal('An attempt needs its action: say what was done.')
  const changed = onlyChanged(current, changes)
  return Object.keys(changed).length
    ? [{ kind: 'mitigation-edited', at: now, payload: { mitigationId, changes: changed } }]
    : []
}

/** Once is enough: verifying again (a double click, say) records nothing. */
export function verifyMitigation(incident: Incident, at: number | undefined, { now }: Ctx) {
  if (incident.mitigatedAt !== null) return []
  const when = happenedAt(at, now, 'The time users were back')
  if (when < incident.startedAt)
    throw new Refusal('Users cannot be back before the impact started.')
  return [{ kind: 'mitigation-verified', at: when, payload: {} } satisfies EventDraft]
}

export function addHypothesis(
  _incident: Incident,
  input: { statement: string; howToTest?: string },
  ctx: Ctx,
): EventDraft[] {
  if (!input.statement.trim()) throw new Refusal('State the hypothesis first.')
  const hypothesis: Hypothesis = {
    id: ctx.newId(),
    statement: input.statement.trim(),
    howToTest: input.howToTest ?? '',
    result: 'untested',
    evidence: '',
  }
  return [{ kind: 'hypothesis-added', at: ctx.now, payload: { hypothesis } }]
}

/** A result (confirmed, ruled out) with its evidence, at the time it was found. */
export function testHypothesis(
  incident: Incident,
  input: { hypothesisId: string; result: HypothesisResult; evidence?: string; at?: number },
  { now }: Ctx,
): EventDraft[] {
  const current = incident.hypotheses.find((h) => h.id === input.hypothesisId)
  if (!current) throw new Refusal('That hypothesis no longer exists.')
  const evidence = input.evidence ?? current.evidence
  if (current.result === input.result && current.evidence === evidence) return []
  return [
    {
      kind: 'hypothesis-tested',
      at: happenedAt(input.at, now, 'The time of the result'),
      payload: { hypothesisId: input.hypothesisId, result: input.result, evidence },
    },
  ]
}

export function editHypothesis(
  incident: Incident,
  hypothesisId: string,
  changes: Partial<Pick<Hypothesis, 'statement' | 'howToTest' | 'evidence'>>,
  { now }: Ctx,
): EventDraft[] {
  const current = incident.hypotheses.find((h) => h.id === hypothesisId)
  if (!current) throw new Refusal('That hypothesis no longer exists.')
  if (changes.statement !== undefined && !changes.statement.trim())
    throw new Refusal('A hypothesis needs its statement.')
  const changed = onlyChanged(current, changes)
  return Object.keys(changed).length
    ? [{ kind: 'hypothesis-edited', at: now, payload: { hypothesisId, changes: changed } }]
    : []
}

export function addNote(_incident: Incident, input: { text: string; at?: number }, ctx: Ctx) {
  if (!input.text.trim()) throw new Refusal('A note needs some words.')
  const at = happenedAt(input.at, ctx.now, 'The time of the note')
  return [{ kind: 'note', at, payload: { text: input.text.trim() } } satisfies EventDraft]
}

/**
 * Links `incident` with `other` as possibly the same incident: the link (for going from one to
 * the other) and a note on the timeline (so the post-mortem and the export say so). Linking twice
 * changes nothing.
 */
export function linkIncident(incident: Incident, other: Incident, { now }: Ctx): EventDraft[] {
  if (other.id === incident.id) throw new Refusal('An incident cannot be linked with itself.')
  const related = incident.related ?? []
  if (related.includes(other.id)) return []
  return [
    { kind: 'details-edited', at: now, payload: { changes: { related: [...related, other.id] } } },
    {
      kind: 'note',
      at: now,
      payload: { text: `Linked with “${incidentTitle(other)}”: possibly the same incident.` },
    },
  ]
}

export function editNote(event: TimelineEvent, text: string, { now }: Ctx): EventDraft[] {
  if (event.kind !== 'note') throw new Refusal('Only notes are edited here.')
  if (!text.trim()) throw new Refusal('A note needs some words; delete it instead.')
  return [{ kind: 'note-edited', at: now, payload: { eventId: event.id, text: text.trim() } }]
}

/** What an entry added (a note, an attempt, a hypothesis) goes; its history stays. */
export function deleteEntry(event: TimelineEvent, { now }: Ctx): EventDraft[] {
  const itemId =
    event.kind === 'note'
      ? event.id
      : event.kind === 'mitigation-action'
        ? event.payload.mitigation.id
        : event.kind === 'hypothesis-added'
          ? event.payload.hypothesis.id
          : null
  if (itemId === null) throw new Refusal('Only notes, attempts and hypotheses can be deleted.')
  return [{ kind: 'entry-deleted', at: now, payload: { eventId: event.id, itemId } }]
}

export function markEntry(
  event: TimelineEvent,
  mark: 'starred' | 'hidden' | 'auto',
  { now }: Ctx,
): EventDraft[] {
  return [{ kind: 'entry-marked', at: now, payload: { eventId: event.id, mark } }]
}

export function deployFix(incident: Incident, at: number | undefined, { now }: Ctx) {
  if (incident.fixDeployedAt !== null) return []
  return [
    {
      kind: 'fix-deployed',
      at: happenedAt(at, now, 'The deploy time'),
      payload: {},
    } satisfies EventDraft,
  ]
}

/** How the monitoring after the fix ended. Regressed reopens the incident in Mitigate. */
export function endMonitoring(
  incident: Incident,
  input: { result: MonitoringResult; note?: string; at?: number },
  { now }: Ctx,
): EventDraft[] {
  if (incident.fixDeployedAt === null)
    throw new Refusal('Deploy the fix first: monitoring starts with the deploy.')
  const at = happenedAt(input.at, now, 'The time')
  if (at < incident.fixDeployedAt) throw new Refusal('That is before the fix was deployed.')
  return [
    {
      kind: 'monitoring-ended',
      at,
      payload: { result: input.result, note: input.note?.trim() ?? '' },
    },
  ]
}

export function deleteIncident(incident: Incident, { now }: Ctx): EventDraft[] {
  return incident.status === 'deleted' ? [] : [{ kind: 'incident-deleted', at: now, payload: {} }]
}

export function restoreIncident(incident: Incident, { now }: Ctx): EventDraft[] {
  return incident.status === 'deleted' ? [{ kind: 'incident-restored', at: now, payload: {} }] : []
}

/** An action item's change, on the timeline with the item's new state. */
export function actionItemChanged(
  item: ActionItem,
  change: 'created' | 'edited' | 'done' | 'verified' | 'reopened' | 'deleted',
  { now }: Ctx,
): EventDraft {
  return { kind: 'action-item-changed', at: now, payload: { change, item } }
}

/** The given fields whose value differs from the current one (lists and objects by content). */
function onlyChanged<T extends object>(current: T, changes: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) =>
        value !== undefined && JSON.stringify(value) !== JSON.stringify(current[key as keyof T]),
    ),
  ) as Partial<T>
}

type ReminderRef = { id: string; title: string }

export function snoozeReminder(reminder: ReminderRef, until: number, { now }: Ctx): EventDraft[] {
  if (!Number.isFinite(until) || until <= now) throw new Refusal('A snooze must end in the future.')
  return [
    {
      kind: 'reminder-snoozed',
      at: now,
      payload: { reminderId: reminder.id, title: reminder.title, until },
    },
  ]
}

export function dismissReminder(reminder: ReminderRef, { now }: Ctx): EventDraft[] {
  return [
    {
      kind: 'reminder-dismissed',
      at: now,
      payload: { reminderId: reminder.id, title: reminder.title },
    },
  ]
}

/** A reminder that fired, on the timeline at the moment it was due (or now, if later). */
export function reminderFired(reminder: ReminderRef & { at: number }, now: number): EventDraft {
  return {
    kind: 'reminder-fired',
    at: Math.max(now, reminder.at),
    payload: { reminderId: reminder.id, title: reminder.title },
  }
}

/**
 * The first save of a post-mortem starts it as a draft; sending it to review, making it final and
 * taking it back to draft are recorded. Final keeps the document as it was (`snapshot`, Markdown)
 * under the next revision number. Going on despite gaps in the review gate needs a reason.
 */
export function setPostmortemStatus(
  incident: Incident,
  status: 'draft' | 'review' | 'final',
  { now }: Ctx,
  extra: { snapshot?: string; by?: string; override?: string; gaps?: string[] } = {},
): EventDraft[] {
  if (incident.postmortemStatus === status) return []
  if (extra.gaps?.length && !extra.override?.trim())
    throw new Refusal('Say why it can go on with these gaps open.')
  const final = status === 'final'
  return [
    {
      kind: 'postmortem-status',
      at: now,
      payload: {
        status,
        ...(final
          ? {
              revision: (incident.postmortemRevision ?? 0) + 1,
              snapshot: extra.snapshot ?? '',
              ...(extra.by?.trim() ? { by: extra.by.trim() } : {}),
            }
          : {}),
        ...(extra.gaps?.length ? { override: extra.override?.trim(), gaps: extra.gaps } : {}),
      },
    },
  ]
}

/** The contributing factors as they stand now; blank sentences are left out. */
export function setFactors(
  incident: Incident,
  factors: readonly Factor[],
  { now }: Ctx,
): EventDraft[] {
  const kept = factors
    .map((f) => ({ ...f, category: f.category.trim(), text: f.text.trim() }))
    .filter((f) => f.text)
  if (kept.length > 100)
    throw new Refusal('A hundred contributing factors is the most one incident holds.')
  for (const f of kept) {
    if (!f.category) throw new Refusal('Each factor needs a category.')
    if (f.category.length > LIMITS.factorCategory)
      throw new Refusal(`A category holds at most ${LIMITS.factorCategory} characters.`)
    if (f.text.length > LIMITS.shortNote)
      throw new Refusal(`A factor holds at most ${LIMITS.shortNote} characters.`)
  }
  return JSON.stringify(kept) === JSON.stringify(incident.factors ?? [])
    ? []
    : [{ kind: 'factors-set', at: now, payload: { factors: kept } }]
}

/** Who owns the post-mortem and who facilitates its review. */
export function setPostmortemRoles(
  incident: Incident,
  roles: { owner: string; facilitator: string },
  { now }: Ctx,
): EventDraft[] {
  const owner = roles.owner.trim()
  const facilitator = roles.facilitator.trim()
  if (owner.length > LIMITS.owner || facilitator.length > LIMITS.owner)
    throw new Refusal(`A name holds at most ${LIMITS.owner} characters.`)
  return owner === (incident.postmortemOwner ?? '') &&
    facilitator === (incident.postmortemFacilitator ?? '')
    ? []
    : [{ kind: 'postmortem-roles', at: now, payload: { owner, facilitator } }]
}

/** "Take a break first": come back (and be reminded) at `until`. */
export function scheduleBreak(_incident: Incident, until: number, { now }: Ctx): EventDraft[] {
  if (!Number.isFinite(until) || until <= now)
    throw new Refusal('The break must end in the future.')
  return [{ kind: 'break-scheduled', at: now, payload: { until } }]
}
