import { plural } from './vocabulary'
/**
 * Reminder rules. Reminders are derived, never stored as truth: `dueReminders` says what should
 * fire and when, from the incidents, their action items, the settings and `now`. Snoozes and
 * dismissals are events on the incident (its `reminders` marks), so they survive everything.
 */
import { incidentTitle, type ActionItem, type ReminderRule, type Settings } from './model'
import { postmortemNeed, reviewDueAt } from './postmortem-policy'
import type { IncidentSummary } from './summary'
import { DAY, HOUR, MINUTE } from './time'

export interface Reminder {
  /** Stable across calls: the same due step always has the same id. */
  id: string
  incidentId: string
  rule: ReminderRule
  at: number
  title: string
  body: string
  /** When it last fired, or null. */
  firedAt: number | null
  /**
   * Its time had passed before the record was entered (a back-filled or imported incident): shown
   * in the reminder center as missed, never notified.
   */
  missed: boolean
}

type Draft = Omit<Reminder, 'incidentId' | 'firedAt' | 'missed'>

/**
 * Due now, not yet fired for this time (a snooze moves the time, so it fires again), and not one
 * that was already past when its incident was entered.
 */
export const needsFiring = (reminder: Reminder, now: number): boolean =>
  !reminder.missed &&
  reminder.at <= now &&
  (reminder.firedAt === null || reminder.firedAt < reminder.at)

/** More reminders than this due together become one summary notification, never a burst. */
export const BURST = 2

/**
 * What the OS shows for reminders that come due together: each one alone when there are few, one
 * summary when there are many ("7 reminders: 2 incidents need attention"). One rule for the page
 * and the main process.
 */
export function summarizeDue(
  due: readonly Pick<Reminder, 'incidentId' | 'title' | 'body'>[],
): { title: string; body: string; incidentId?: string }[] {
  if (due.length <= BURST)
    return due.map(({ title, body, incidentId }) => ({ title, body, incidentId }))
  const incidents = new Set(due.map((r) => r.incidentId))
  const single = incidents.size === 1 ? due[0]?.incidentId : undefined
  return [
    {
      title: `${plural(due.length, 'reminder')}: ${plural(incidents.size, 'incident needs', 'incidents need')} attention`,
      body: due
        .slice(0, 3)
        .map((r) => r.title)
        .join(' · ')
        .concat(due.length > 3 ? ' · …' : ''),
      ...(single ? { incidentId: single } : {}),
    },
  ]
}

const minutesOf = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/**
 * A reminder that falls in quiet hours waits until they end. Hours are the user's local time; the
 * window may cross midnight (22:00–07:00).
 */
export function deferForQuietHours(at: number, quiet: Settings['reminders']['quietHours']): number {
  if (!quiet.enabled) return at
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  const date = new Date(at)
  const minute = date.getHours() * 60 + date.getMinutes()
  const quietNow = start <= end ? minute >= start && minute < end : minute >= start || minute < end
  if (!quietNow) return at
  const until = new Date(at)
  until.setHours(Math.floor(end / 60), end % 60, 0, 0)
  if (until.getTime() <= at) until.setDate(until.getDate() + 1)
  return until.getTime()
}

/** How often an unanswered check-in of a severe incident comes again (see repeatUntilAnswered). */
export const REPEAT_UNANSWERED = 5 * MINUTE

/** Check-ins come every few minutes for this long; after that, once a day. */
const FREQUENT_CHECK_INS_FOR = 2 * HOUR

/**
 * The mitigation check-in due most recently and the next one. Mitigating takes minutes, not hours:
 * check-ins come every `minutes` for the first two hours, then once a day, so an incident left in
 * mitigation nudges daily instead of adding a notification and a timeline entry every few minutes.
 */
function checkIns(entered: number, minutes: number, now: number): { k: number; at: number }[] {
  const every = minutes * MINUTE
  const frequent = Math.max(1, Math.floor(FREQUENT_CHECK_INS_FOR / every))
  const at = (k: number) =>
    k <= frequent ? entered + k * every : entered + frequent * every + (k - frequent) * DAY
  const elapsed = now - entered
  const passed =
    elapsed < frequent * every
      ? Math.max(0, Math.floor(elapsed / every))
      : frequent + Math.floor((elapsed - frequent * every) / DAY)
  return (passed >= 1 ? [passed, passed + 1] : [1]).map((k) => ({ k, at: at(k) }))
}

function incidentReminders(
  incident: IncidentSummary,
  items: readonly ActionItem[],
  settings: Settings,
  now: number,
): Draft[] {
  const { reminders: r, timeboxes } = settings
  const id = (suffix: string) => `${incident.id}:${suffix}`
  const name = incidentTitle(incident)
  const out: Draft[] = []
  if (incident.status === 'closed' || incident.status === 'deleted') return out

  if (incident.status === 'active' && incident.phase === 'capture') {
    out.push({
      id: id('capture-timebox'),
      rule: 'captureTimebox',
      at: incident.phaseEnteredAt + timeboxes.captureMinutes * MINUTE,
      title: 'Time to move on to triage',
      body: `${name}: capture is done when the symptoms are written down. Triage next.`,
    })
  }
  if (incident.status === 'active' && incident.phase === 'triage') {
    out.push({
      id: id('triage-timebox'),
      rule: 'triageTimebox',
      at: incident.phaseEnteredAt + timeboxes.triageMinutes * MINUTE,
      title: 'Time to decide and mitigate',
      body: `${name}: pick a severity and a strategy; you can reclassify later.`,
    })
  }
  if (incident.status === 'active' && incident.phase === 'mitigate' && !incident.mitigatedAt) {
    for (const { k, at } of checkIns(incident.phaseEnteredAt, r.mitigationCheckInMinutes, now)) {
      out.push({
        id: id(`mitigation-check-in:${k}`),
        rule: 'mitigationCheckIn',
        at,
        title: 'Are users back?',
        body: `${name}: check whether the mitigation worked. If not, try the next option.`,
      })
    }
  }
  // Asked until answered: did the fix hold, or did it regress?
  if (incident.fixDeployedAt !== null && (incident.monitoringResult ?? null) === null) {
    out.push({
      id: id('fix-monitoring'),
      rule: 'fixMonitoring',
      at: incident.fixDeployedAt + r.fixMonitoringHours * HOUR,
      title: 'Did the fix hold?',
      body: `${name}: ${plural(r.fixMonitoringHours, 'hour')} since the fix went out. Say whether it held or regressed.`,
    })
  }
  if (incident.resolvedAt !== null && incident.postmortemStatus !== 'final') {
    // An optional post-mortem (a SEV4, by default) is not chased.
    if (postmortemNeed(incident, settings) !== 'optional')
      out.push(
        {
          id: id('postmortem-nudge'),
          rule: 'postmortem',
          at: incident.breakUntil ?? incident.resolvedAt + r.postmortemNudgeHours * HOUR,
          title: 'Time for the post-mortem',
          body: `${name}: with fresh eyes, write down what happened while you still remember.`,
        },
        {
          id: id('postmortem-deadline'),
          rule: 'postmortem',
          at: incident.resolvedAt + r.postmortemDeadlineHours * HOUR,
          title: 'Post-mortem due now',
          body: `${name}: ${plural(r.postmortemDeadlineHours, 'hour')} since resolution. Memories fade fast.`,
        },
      )
    const review = reviewDueAt(incident, settings)
    if (review !== null)
      out.push({
        id: id('postmortem-review'),
        rule: 'postmortem',
        at: review,
        title: 'Post-mortem review due',
        body: `${name}: a ${incident.severity ?? ''} post-mortem is reviewed by now. Hold the review, then mark it final.`,
      })
  }
  for (const item of items) {
    if (item.status === 'open' && item.dueAt !== null) {
      out.push(
        {
          id: id(`action-item:${item.id}:due`),
          rule: 'actionItemDue',
          at: item.dueAt,
          title: `Action item due: ${item.title}`,
          body: `${name}: items not done within two weeks tend never to get done.`,
        },
        {
          id: id(`action-item:${item.id}:overdue`),
          rule: 'actionItemDue',
          at: item.dueAt + r.actionItemOverdueHours * HOUR,
          title: `Overdue: ${item.title}`,
          body: `${name}: finish it, or change its due date honestly.`,
        },
      )
    }
    if (item.status === 'done' && item.doneAt !== null) {
      out.push({
        id: id(`action-item:${item.id}:verify`),
        rule: 'actionItemVerify',
        at: item.doneAt + r.verifyAfterDays * DAY,
        title: `Verify: ${item.title}`,
        body: `${name}: check that it works, then mark it verified.`,
      })
    }
  }
  return out
}

/**
 * The time to compute the schedule for: `now`, rounded down to the mitigation check-in period.
 * The schedule depends on the clock only through check-ins, which it lists one period ahead, so a
 * schedule computed for this time holds every check-in that comes due before the next period
 * starts. Recomputing it more often is wasted work: at years of incidents, a quarter second.
 */
export function scheduleTime(now: number, settings: Settings): number {
  const every = settings.reminders.mitigationCheckInMinutes * MINUTE
  return Math.floor(now / every) * every
}

/**
 * Every reminder that is due or will be, soonest first: enabled rules only, snoozed ones at their
 * new time, dismissed ones never again. The caller fires those with `at <= now` once each.
 */
export function dueReminders(
  /** Summaries (what the engine reads), or whole incidents: a summary's superset. */
  incidents: readonly IncidentSummary[],
  settings: Settings,
  now: number,
  actionItems: readonly ActionItem[] = [],
): Reminder[] {
  return remindersOf(incidents, settings, now, itemsByIncident(actionItems)).sort(byTime)
}

/**
 * Reminders soonest first; ties in time by id, compared as plain strings (a locale-aware compare
 * costs a quarter second over the tens of thousands of reminders of years of incidents).
 */
export const byTime = (a: Reminder, b: Reminder): number =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Each incident's action items, by incident id. */
export function itemsByIncident(
  actionItems: readonly ActionItem[],
): ReadonlyMap<string, readonly ActionItem[]> {
  const byIncident = new Map<string, ActionItem[]>()
  for (const item of actionItems) {
    const list = byIncident.get(item.incidentId)
    if (list) list.push(item)
    else byIncident.set(item.incidentId, [item])
  }
  return byIncident
}

/**
 * The reminders of `incidents` (as dueReminders, but in no order): a caller with years of
 * incidents computes them a slice at a time and sorts once.
 */
export function remindersOf(
  incidents: readonly IncidentSummary[],
  settings: Settings,
  now: number,
  items: ReadonlyMap<string, readonly ActionItem[]>,
): Reminder[] {
  const reminders: Reminder[] = []
  for (const incident of incidents) {
    for (const draft of incidentReminders(incident, items.get(incident.id) ?? [], settings, now)) {
      if (!settings.reminders.enabled[draft.rule]) continue
      const mark = incident.reminders[draft.id]
      if (mark?.dismissed) continue
      const planned = Math.max(draft.at, mark?.snoozedUntil ?? 0)
      // A severe incident's check-in that fired and got no answer (no snooze, no dismissal)
      // comes again a few minutes later, until one comes.
      const firedAt = mark?.firedAt ?? null
      const repeats =
        draft.rule === 'mitigationCheckIn' &&
        firedAt !== null &&
        firedAt >= planned &&
        incident.severity !== null &&
        settings.reminders.repeatUntilAnswered.includes(incident.severity)
      const wanted = repeats ? firedAt + REPEAT_UNANSWERED : planned
      // Quiet hours never silence an incident still being fought: the person on call at 03:00
      // is exactly who needs the check-ins. They hold only what comes after resolution.
      const at =
        incident.resolvedAt === null
          ? wanted
          : deferForQuietHours(wanted, settings.reminders.quietHours)
      const { id, rule, title, body } = draft
      reminders.push({
        id,
        rule,
        title,
        body,
        at,
        incidentId: incident.id,
        firedAt,
        missed: !mark?.snoozedUntil && at < incident.openedAt,
      })
    }
  }
  return reminders
}
