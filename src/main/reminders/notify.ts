/**
 * Desktop notifications for reminders, in one place: a few due together are shown one by one, a
 * burst (at start, on wake, after an import) as one summary, by the same rule the page uses
 * (`summarizeDue`). A click opens the incident, or the reminder center for a summary of several.
 */
import type { ScheduledReminder } from '../../shared/ipc-contract'
import { summarizeDue } from '../../shared/domain/reminders'

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown
  show(): void
}

export interface NotifyDeps {
  isSupported(): boolean
  create(options: { title: string; body: string }): NotificationLike
  openIncident(incidentId: string): void
  openReminders(): void
}

export function createNotifier(deps: NotifyDeps): (due: readonly ScheduledReminder[]) => void {
  return (due) => {
    if (!due.length || !deps.isSupported()) return
    for (const { title, body, incidentId } of summarizeDue(due)) {
      const notification = deps.create({ title, body })
      notification.on('click', () =>
        incidentId ? deps.openIncident(incidentId) : deps.openReminders(),
      )
      notification.show()
    }
  }
}
