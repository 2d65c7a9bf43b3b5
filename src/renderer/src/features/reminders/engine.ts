/**
 * The page's reminder engine, plain and testable: given the schedule and the clock, what to show
 * now and what to write to the timelines. The hook around it only wires it to React and the
 * platform.
 */
import { reminderFired } from '@shared/domain/commands'
import type { EventDraft } from '@shared/domain/events'
import { needsFiring, summarizeDue, type Reminder } from '@shared/domain/reminders'

/** Reminders that came due longer ago than this are shown as due, but not recorded one by one. */
export const RECORD_WITHIN_MS = 60 * 60_000

export interface Firing {
  /** What the OS (or the browser) shows: one each, or one summary for a burst. */
  notifications: { title: string; body: string; incidentId?: string }[]
  /** Written to each incident's timeline once. */
  record: { incidentId: string; drafts: EventDraft[] }[]
}

/**
 * What fires at `now`: due, not fired yet (by this run or an earlier one, as the timeline says),
 * not missed, and recent — what came due while Steady was closed for long, or thousands after an
 * import, is in the reminder center, not in a flood. `fired` remembers this run's firings.
 */
export function fireDue(reminders: readonly Reminder[], now: number, fired: Set<string>): Firing {
  const due = reminders.filter(
    (r) => needsFiring(r, now) && r.at >= now - RECORD_WITHIN_MS && !fired.has(`${r.id}@${r.at}`),
  )
  for (const r of due) fired.add(`${r.id}@${r.at}`)
  return {
    notifications: summarizeDue(due),
    record: due.map((r) => ({ incidentId: r.incidentId, drafts: [reminderFired(r, now)] })),
  }
}
