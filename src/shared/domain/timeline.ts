/**
 * The timeline as people read it: entries ordered by when they happened, described in words, each
 * with the later changes made to it (corrected times, edits, a deletion, a star). Its order, and the
 * post-mortem's timeline section, derive from the events alone.
 */
import type { EventKind, TimelineEvent } from './events'
import type { Phase } from './model'
import {
  HYPOTHESIS_RESULT_LABELS,
  MONITORING_RESULT_LABELS,
  OUTCOME_LABELS,
  lower,
} from './vocabulary'

export const PHASE_LABELS: Record<Phase, string> = {
  capture: 'Capture',
  triage: 'Triage',
  mitigate: 'Mitigate',
  diagnose: 'Diagnose',
  fix: 'Fix',
  postmortem: 'Post-mortem',
  prevention: 'Prevention',
}

/** The moments that tell the story of an incident, shown by default. */
const KEY: ReadonlySet<EventKind> = new Set<EventKind>([
  'impact-started',
  'detected',
  'severity-changed',
  'mitigation-action',
  'mitigation-verified',
  'hypothesis-tested',
  'fix-deployed',
  'monitoring-ended',
  'resolved',
  'reopened',
  'closed',
  'note',
])

/**
 * Changes to other entries, and autosaved field edits: history for replay and audit, shown under
 * the entry they change, never as entries of their own.
 */
const META: ReadonlySet<EventKind> = new Set<EventKind>([
  'details-edited',
  'time-corrected',
  'mitigation-edited',
  'hypothesis-edited',
  'note-edited',
  'entry-deleted',
  'entry-marked',
])

/** The moments that define the incident stand out wherever the timeline is printed. */
export const MILESTONES: ReadonlySet<EventKind> = new Set<EventKind>([
  'impact-started',
  'detected',
  'mitigation-verified',
  'resolved',
])

export type EntryMark = 'starred' | 'hidden' | 'auto'

export interface TimelineEntry {
  /** The event as it stands now: corrected time, latest edits folded into its text. */
  event: TimelineEvent
  text: string
  /** Part of the story by its kind (not bookkeeping like phase moves and reminders). */
  key: boolean
  mark: EntryMark
  /** Shown by default, and in the post-mortem: key or starred, and not hidden. */
  shown: boolean
  deleted: boolean
  /** The earlier times of a corrected entry, oldest first. */
  correctedFrom: number[]
  /** The changes made to this entry after it was logged, in recording order. */
  history: TimelineEvent[]
}

/** Ordered by when it happened; ties keep the order in which they were recorded. */
export function orderTimeline<T extends Pick<TimelineEvent, 'at' | 'seq'>>(
  events: readonly T[],
): T[] {
  return [...events].sort((a, b) => a.at - b.at || a.seq - b.seq)
}

const targetOf = (e: TimelineEvent): string | null => {
  switch (e.kind) {
    case 'time-corrected':
    case 'note-edited':
    case 'entry-deleted':
    case 'entry-marked':
      return e.payload.eventId
    default:
      return null
  }
}

/**
 * Every entry of the timeline (bookkeeping included; filter on `shown` for the story), in the order
 * things happened, with each entry's later changes applied.
 */
export function timelineEntries(events: readonly TimelineEvent[]): TimelineEntry[] {
  const bySeq = [...events].sort((a, b) => a.seq - b.seq)
  // What an attempt or hypothesis is now, after its edits: entries describe the latest.
  const mitigations = new Map<string, TimelineEvent & { kind: 'mitigation-action' }>()
  const hypotheses = new Map<string, { statement: string; evidence: string }>()
  const eventOfItem = new Map<string, string>()
  const history = new Map<string, TimelineEvent[]>()
  const latestTest = new Map<string, string>()
  const deletedItems = new Set<string>()
  const push = (target: string, e: TimelineEvent) => {
    const list = history.get(target)
    if (list) list.push(e)
    else history.set(target, [e])
  }
  for (const e of bySeq) {
    if (e.kind === 'mitigation-action') {
      const m = e.payload.mitigation
      const first = mitigations.get(m.id)
      if (first) {
        // An older way of updating an attempt: logged again with the same id.
        mitigations.set(m.id, { ...first, payload: { mitigation: { ...m, at: first.at } } })
        push(first.id, e)
      } else {
        mitigations.set(m.id, e)
        eventOfItem.set(m.id, e.id)
      }
    } else if (e.kind === 'mitigation-edited') {
      const first = mitigations.get(e.payload.mitigationId)
      if (!first) continue
      const mitigation = { ...first.payload.mitigation, ...e.payload.changes }
      mitigations.set(e.payload.mitigationId, { ...first, payload: { mitigation } })
      push(first.id, e)
    } else if (e.kind === 'hypothesis-added') {
      const h = e.payload.hypothesis
      hypotheses.set(h.id, { statement: h.statement, evidence: h.evidence })
      eventOfItem.set(h.id, e.id)
    } else if (e.kind === 'hypothesis-edited') {
      const h = hypotheses.get(e.payload.hypothesisId)
      if (h) hypotheses.set(e.payload.hypothesisId, { ...h, ...e.payload.changes })
      const added = eventOfItem.get(e.payload.hypothesisId)
      if (added) push(added, e)
    } else if (e.kind === 'hypothesis-tested') {
      const h = hypotheses.get(e.payload.hypothesisId)
      if (h) hypotheses.set(e.payload.hypothesisId, { ...h, evidence: e.payload.evidence })
      latestTest.set(e.payload.hypothesisId, e.id)
    } else {
      if (e.kind === 'entry-deleted') deletedItems.add(e.payload.itemId)
      const target = targetOf(e)
      if (target) push(target, e)
    }
  }

  const entries: TimelineEntry[] = []
  for (const original of bySeq) {
    if (META.has(original.kind)) continue
    const changes = history.get(original.id) ?? []
    let event = original
    let mark: EntryMark = 'auto'
    let deleted = false
    const correctedFrom: number[] = []
    for (const c of changes) {
      if (c.kind === 'time-corrected') {
        correctedFrom.push(c.payload.from)
        event = { ...event, at: c.payload.to }
      } else if (c.kind === 'note-edited' && event.kind === 'note') {
        event = { ...event, payload: { text: c.payload.text } }
      } else if (c.kind === 'entry-marked') mark = c.payload.mark
      else if (c.kind === 'entry-deleted') deleted = true
    }
    if (event.kind === 'mitigation-action') {
      const latest = mitigations.get(event.payload.mitigation.id)
      // Only the first logging of an attempt is an entry; re-loggings are its history.
      if (latest?.id !== original.id) continue
      event = { ...event, payload: latest.payload }
    }
    let text = describeEvent(event)
    // A result later replaced by another test of the same hypothesis is history, not story.
    let superseded = false
    if (event.kind === 'hypothesis-tested') {
      const id = event.payload.hypothesisId
      const h = hypotheses.get(id)
      superseded = latestTest.get(id) !== event.id
      // The latest result reads with the evidence as it stands now (it may be edited later).
      const shown =
        !superseded && h ? { ...event, payload: { ...event.payload, evidence: h.evidence } } : event
      text = describeTest(shown, h?.statement)
      // A deleted hypothesis takes its results with it.
      if (deletedItems.has(id)) deleted = true
    }
    // In a team, who wrote it down.
    if (event.by) text = `${text} — ${event.by}`
    const key =
      // A move made against the process's rule, with its reason, is a decision: story, not bookkeeping.
      (event.kind === 'phase-changed' && !!event.payload.reason) ||
      // So is a post-mortem moved on despite open gaps: its reason belongs in the record.
      (event.kind === 'postmortem-status' && !!event.payload.override) ||
      (KEY.has(event.kind) && !superseded)
    entries.push({
      event,
      text,
      key,
      mark,
      shown: !deleted && mark !== 'hidden' && (key || mark === 'starred'),
      deleted,
      correctedFrom,
      history: changes,
    })
  }
  return entries.sort((a, b) => a.event.at - b.event.at || a.event.seq - b.event.seq)
}

/** The story: what the timeline shows by default and the post-mortem prints. */
export const storyEntries = (events: readonly TimelineEvent[]): TimelineEntry[] =>
  timelineEntries(events).filter((entry) => entry.shown)

/**
 * True when the events fall on more than one calendar day, so times need their dates.
 * `dayOf` gives a day key in the reader's time zone (the default uses the runtime's zone).
 */
export function spansDays(
  events: readonly Pick<TimelineEvent, 'at'>[],
  dayOf: (ms: number) => string = (ms) => new Date(ms).toDateString(),
): boolean {
  return new Set(events.map((e) => dayOf(e.at))).size > 1
}

function describeTest(
  e: Extract<TimelineEvent, { kind: 'hypothesis-tested' }>,
  statement: string | undefined,
): string {
  const result = HYPOTHESIS_RESULT_LABELS[e.payload.result]
  const what = statement ? `: ${statement}` : ''
  return `${result}${what}${e.payload.evidence ? ` — ${e.payload.evidence}` : ''}`
}

/** One line, in plain words, for the timeline panel and the post-mortem. */
export function describeEvent(e: TimelineEvent): string {
  switch (e.kind) {
    case 'incident-opened':
      return e.payload.title ? `Incident opened: ${e.payload.title}` : 'Incident opened'
    case 'impact-started':
      return 'Impact started'
    case 'detected':
      return 'Detected'
    case 'details-edited':
      return `Edited ${Object.keys(e.payload.changes).join(', ')}`
    case 'note':
      return e.payload.text
    case 'phase-changed': {
      const to = PHASE_LABELS[e.payload.to]
      return e.payload.reason ? `Moved to ${to}. Reason: ${e.payload.reason}` : `Moved to ${to}`
    }
    case 'severity-changed': {
      const was = e.payload.from ? ` (was ${e.payload.from})` : ''
      const why = e.payload.reason ? `. Reason: ${e.payload.reason}` : ''
      return `Severity ${e.payload.to}${was}${why}`
    }
    case 'mitigation-action': {
      const m = e.payload.mitigation
      return `Mitigation: ${m.action}${m.outcome ? ` — ${lower(OUTCOME_LABELS[m.outcome])}` : ''}`
    }
    case 'mitigation-verified':
      return 'Users are back — mitigation verified'
    case 'hypothesis-added':
      return `Hypothesis: ${e.payload.hypothesis.statement}`
    case 'hypothesis-tested':
      return describeTest(e, undefined)
    case 'fix-deployed':
      return 'Fix deployed'
    case 'monitoring-ended': {
      const result = MONITORING_RESULT_LABELS[e.payload.result]
      const note = e.payload.note ? ` — ${e.payload.note}` : ''
      return e.payload.result === 'held'
        ? `Monitoring ended: the fix held${note}`
        : `${result}: the fix did not hold, back to Mitigate${note}`
    }
    case 'resolved':
      return 'Resolved'
    case 'reopened':
      return `Reopened. Reason: ${e.payload.reason}`
    case 'closed':
      return e.payload.reason ? `Closed. Reason: ${e.payload.reason}` : 'Closed'
    case 'postmortem-status': {
      const { status, revision, override, gaps } = e.payload
      const done =
        status === 'final'
          ? `Post-mortem final${revision && revision > 1 ? ` (revision ${revision})` : ''}`
          : status === 'review'
            ? 'Post-mortem sent to review'
            : status === 'draft'
              ? 'Post-mortem in draft'
              : 'Post-mortem set aside'
      return override
        ? `${done} despite ${gaps?.length ?? 0} open ${gaps?.length === 1 ? 'gap' : 'gaps'}. Reason: ${override}`
        : done
    }
    case 'factors-set':
      return e.payload.factors.length
        ? `Contributing factors: ${e.payload.factors.map((f) => `${f.category}: ${f.text}`).join('; ')}`
        : 'Contributing factors cleared'
    case 'postmortem-roles':
      return `Post-mortem owner: ${e.payload.owner || 'none'}${e.payload.facilitator ? `; facilitator: ${e.payload.facilitator}` : ''}`
    case 'break-scheduled':
      return 'Break before the post-mortem'
    case 'reminder-fired':
      return `Reminder: ${e.payload.title}`
    case 'reminder-snoozed':
      return `Reminder snoozed: ${e.payload.title}`
    case 'reminder-dismissed':
      return `Reminder dismissed: ${e.payload.title}`
    case 'action-item-changed':
      return `Action item ${e.payload.change}: ${e.payload.item.title}`
    case 'time-corrected':
      return 'Time corrected'
    case 'mitigation-edited':
      return `Attempt edited: ${Object.keys(e.payload.changes).join(', ')}`
    case 'hypothesis-edited':
      return `Hypothesis edited: ${Object.keys(e.payload.changes).join(', ')}`
    case 'note-edited':
      return `Note edited: ${e.payload.text}`
    case 'entry-deleted':
      return 'Deleted'
    case 'entry-marked':
      return { starred: 'Starred', hidden: 'Hidden', auto: 'Shown by its kind' }[e.payload.mark]
    case 'incident-deleted':
      return 'Moved to the trash'
    case 'incident-restored':
      return 'Restored from the trash'
  }
}
