/**
 * An incident as the incidents list, Metrics and the reminder engine need it: a few hundred bytes
 * instead of the whole record (its notes, symptoms, hypotheses…), so holding every incident of
 * years of history costs megabytes, not hundreds of them. The database keeps one beside each
 * incident, written in the same transaction (see db/summaries.ts).
 */
import { digestItems, type ItemDigest } from './action-items'
import {
  INCIDENT_KINDS,
  PHASES,
  SEVERITIES,
  statusSchema,
  type ActionItem,
  type Incident,
} from './model'

export interface IncidentSummary extends Pick<
  Incident,
  | 'id'
  | 'title'
  | 'symptoms'
  | 'status'
  | 'phase'
  | 'severity'
  | 'kind'
  | 'services'
  | 'tags'
  | 'factors'
  | 'openedAt'
  | 'startedAt'
  | 'detectedAt'
  | 'mitigatedAt'
  | 'resolvedAt'
  | 'updatedAt'
  | 'postmortemStatus'
  | 'postmortemFinalAt'
  | 'phaseEnteredAt'
  | 'fixDeployedAt'
  | 'monitoringResult'
  | 'breakUntil'
  | 'reminders'
> {
  rootCause: Pick<Incident['rootCause'], 'summary'>
  /**
   * Its action items as Metrics and the action items page count them (the two-week rule): kept
   * with the summary, so counting years of items never reads them. Absent where it has none.
   */
  items?: ItemDigest
}

/** The summary of `incident` with its items' digest. */
export const summarizeWith = (
  incident: Incident,
  items: readonly Pick<ActionItem, 'createdAt' | 'doneAt'>[],
): IncidentSummary => withDigest(summarize(incident), digestItems(items))

/** `summary` with `digest` in place of the one it had (none when undefined). */
export function withDigest(
  summary: IncidentSummary,
  digest: ItemDigest | undefined,
): IncidentSummary {
  const next = { ...summary }
  if (digest) next.items = digest
  else delete next.items
  return next
}

/**
 * Long enough for what is shown of them: a title falls back on the first 120 characters of the
 * symptoms' first line, and a review's "in one line" shows 160 of the root cause or of that line
 * (one more tells it to add an ellipsis).
 */
const KEPT = 161

/** What the list and Metrics keep of `incident` (an incident is a summary too: its superset). */
export function summarize(incident: Incident): IncidentSummary {
  return {
    id: incident.id,
    title: incident.title,
    symptoms: (incident.symptoms.split('\n', 1)[0] ?? '').slice(0, KEPT),
    status: incident.status,
    phase: incident.phase,
    severity: incident.severity,
    ...(incident.kind === undefined ? {} : { kind: incident.kind }),
    services: incident.services,
    ...(incident.tags === undefined ? {} : { tags: incident.tags }),
    ...(incident.factors === undefined ? {} : { factors: incident.factors }),
    openedAt: incident.openedAt,
    startedAt: incident.startedAt,
    detectedAt: incident.detectedAt,
    mitigatedAt: incident.mitigatedAt,
    resolvedAt: incident.resolvedAt,
    updatedAt: incident.updatedAt,
    postmortemStatus: incident.postmortemStatus,
    postmortemFinalAt: incident.postmortemFinalAt,
    // What the reminder engine needs: it reads the summaries of the incidents still open.
    phaseEnteredAt: incident.phaseEnteredAt,
    fixDeployedAt: incident.fixDeployedAt,
    monitoringResult: incident.monitoringResult ?? null,
    breakUntil: incident.breakUntil,
    // Reminder marks matter while reminders can come: closed incidents keep none here.
    reminders:
      incident.status === 'active' || incident.status === 'resolved' ? incident.reminders : {},
    rootCause: { summary: incident.rootCause.summary.slice(0, KEPT) },
  }
}

/**
 * What the incidents list and the action items page keep of every incident: what a row shows,
 * what the list is ordered and filtered by, and the items' digest (the two-week rule). The rest of
 * a summary (the reminder marks, the root cause, the phases' times…) is read where it is needed:
 * at 100,000 incidents the page held 92 MB of summaries, this 26 MB.
 */
export type ListRow = Pick<
  IncidentSummary,
  | 'id'
  | 'title'
  | 'symptoms'
  | 'status'
  | 'phase'
  | 'severity'
  | 'kind'
  | 'services'
  | 'tags'
  | 'startedAt'
  | 'resolvedAt'
  | 'updatedAt'
  | 'items'
>

/**
 * Lists of names many incidents share (a service, a pair of tags…), kept once. Bounded: a history
 * where every incident names its own stops being shared past this many.
 */
const SHARED_NAMES = 5000
const sharedNames = new Map<string, readonly string[]>()
/** One empty list for every row without names or without items still to do (frozen: shared). */
const NONE = Object.freeze([]) as never[]

/** `names`, or the list already kept with the same names (frozen: one row cannot change another's). */
function shared(names: readonly string[]): readonly string[] {
  if (names.length === 0) return NONE
  // Unambiguous whatever a name holds (joined by a character, ['a\nb'] and ['a', 'b'] would meet).
  const key = JSON.stringify(names)
  const known = sharedNames.get(key)
  if (known) return known
  if (sharedNames.size < SHARED_NAMES) sharedNames.set(key, Object.freeze(names))
  return names
}

/**
 * Each word of a closed set as one string: a summary read from the database brings its own copy
 * of "closed" or "SEV2" (100,000 incidents: 400,000 strings of a few letters each).
 */
const WORDS: ReadonlyMap<string, string> = new Map(
  [...statusSchema.options, ...PHASES, ...SEVERITIES, ...INCIDENT_KINDS].map((w) => [w, w]),
)
const word = <W extends string>(value: W): W => (WORDS.get(value) as W | undefined) ?? value

/**
 * The list's row of `summary` (its symptoms only when it has no title: they stand in for one).
 * Every property is written at once, those it may lack too (undefined): properties added after
 * an object is made are kept beside it, one more object per row.
 */
export function listRow(summary: IncidentSummary): ListRow {
  return {
    id: summary.id,
    title: summary.title,
    symptoms: summary.title.trim() ? '' : summary.symptoms,
    status: word(summary.status),
    phase: word(summary.phase),
    severity: summary.severity && word(summary.severity),
    kind: summary.kind && word(summary.kind),
    services: shared(summary.services) as string[],
    tags: summary.tags && (shared(summary.tags) as string[]),
    startedAt: summary.startedAt,
    resolvedAt: summary.resolvedAt,
    updatedAt: summary.updatedAt,
    items: summary.items && digestRow(summary.items),
  }
}

/**
 * An items' digest made at once (read from the database, its properties are kept beside it) with
 * one shared empty list for incidents whose items are all done, most of a long history.
 */
const digestRow = ({ total, done, onTime, notDoneSince, latest }: ItemDigest): ItemDigest => ({
  total,
  done,
  onTime,
  notDoneSince: notDoneSince.length ? notDoneSince : NONE,
  latest,
})
