/**
 * The page's side of the reminder pipeline, plain and testable: what to hand the reminder clock
 * (platform.syncReminders) and what to write to the timelines when it says a reminder fired. The
 * timeline is the only record of what fired; the clock keeps only what is still to come.
 */
import { reminderFired } from '@shared/domain/commands'
import type { EventDraft } from '@shared/domain/events'
import type { Incident } from '@shared/domain/model'
import type { Reminder } from '@shared/domain/reminders'
import { SYNC_LIMITS, type ScheduledReminder, type TrayStatus } from '@shared/ipc-contract'
import { HOUR } from '@shared/domain/time'
import { displayTitle } from '../phase/labels'

/**
 * Reminders that came due longer ago than this without firing (Steady was closed for days, or
 * they arrived with an import) are shown in the reminder center, not notified.
 */
export const NOTIFY_WITHIN_MS = 24 * HOUR

/** What the clock should fire: not missed, not yet fired for its time, not long past; soonest first. */
export function toSchedule(reminders: readonly Reminder[], now: number): ScheduledReminder[] {
  return reminders
    .filter(
      (r) =>
        !r.missed && (r.firedAt === null || r.firedAt < r.at) && r.at >= now - NOTIFY_WITHIN_MS,
    )
    .slice(0, SYNC_LIMITS.reminders)
    .map(({ id, incidentId, at, title, body }) => ({
      id,
      incidentId,
      at,
      title: title.slice(0, SYNC_LIMITS.title),
      body: body.slice(0, SYNC_LIMITS.body),
    }))
}

/**
 * Timeline entries for reminders that fired, each once: the clock may say so twice (when it
 * fires, and again when a schedule the page sent meanwhile still holds it). `recorded` remembers.
 */
export function firedRecords(
  fired: readonly ScheduledReminder[],
  now: number,
  recorded: Set<string>,
): { incidentId: string; drafts: EventDraft[] }[] {
  const fresh = fired.filter((r) => !recorded.has(`${r.id}@${r.at}`))
  for (const r of fresh) recorded.add(`${r.id}@${r.at}`)
  return fresh.map((r) => ({ incidentId: r.incidentId, drafts: [reminderFired(r, now)] }))
}

/** What the tray shows: the incidents in progress and how many reminders are due. */
export function trayStatus(
  incidents: readonly Pick<Incident, 'id' | 'status' | 'title' | 'symptoms'>[],
  due: number,
): TrayStatus {
  return {
    activeIncidents: incidents
      .filter((i) => i.status === 'active')
      .slice(0, SYNC_LIMITS.activeIncidents)
      .map((i) => ({ id: i.id, title: displayTitle(i).slice(0, SYNC_LIMITS.incidentTitle) })),
    due,
  }
}
