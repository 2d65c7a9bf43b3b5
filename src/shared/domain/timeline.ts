/**
 * The timeline as people read it: events ordered by when they happened, described in words.
 * Its order (and the post-mortem's timeline section) derives from the events alone.
 */
import type { TimelineEvent } from './events'
import type { Phase } from './model'

export const PHASE_LABELS: Record<Phase, string> = {
  capture: 'Capture',
  triage: 'Triage',
  mitigate: 'Mitigate',
  diagnose: 'Diagnose',
  fix: 'Fix',
  postmortem: 'Post-mortem',
  prevention: 'Prevention',
}

/**
 * Autosaved field edits and time corrections are history for replay and audit, not steps a reader
 * wants to see (a corrected event already shows at its corrected time).
 */
const HIDDEN: ReadonlySet<TimelineEvent['kind']> = new Set(['details-edited', 'time-corrected'])

/** Ordered by when it happened; ties keep the order in which they were recorded. */
export function orderTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort((a, b) => a.at - b.at || a.seq - b.seq)
}

export function visibleTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  return orderTimeline(events.filter((e) => !HIDDEN.has(e.kind)))
}

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

const OUTCOME_WORDS = { worked: 'worked', partial: 'partly worked', failed: 'failed' } as const
const RESULT_WORDS = { untested: 'untested', confirmed: 'confirmed', 'ruled-out': 'ruled out' }

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
      return `Mitigation: ${m.action}${m.outcome ? ` — ${OUTCOME_WORDS[m.outcome]}` : ''}`
    }
    case 'mitigation-verified':
      return 'Users are back — mitigation verified'
    case 'hypothesis-added':
      return `Hypothesis: ${e.payload.hypothesis.statement}`
    case 'hypothesis-tested':
      return `Hypothesis ${RESULT_WORDS[e.payload.result]}${e.payload.evidence ? `: ${e.payload.evidence}` : ''}`
    case 'fix-deployed':
      return 'Fix deployed'
    case 'resolved':
      return 'Resolved'
    case 'reopened':
      return `Reopened. Reason: ${e.payload.reason}`
    case 'closed':
      return e.payload.reason ? `Closed. Reason: ${e.payload.reason}` : 'Closed'
    case 'postmortem-status':
      return e.payload.status === 'final' ? 'Post-mortem finalised' : 'Post-mortem started'
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
  }
}
