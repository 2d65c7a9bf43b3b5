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

/** Electron's Notification class, or a fake of it. */
export interface NotificationClass {
  new (options: { title: string; body: string }): NotificationLike
  isSupported(): boolean
}

export interface NotifyActions {
  openIncident(incidentId: string): void
  openReminders(): void
}

export function createNotifier(
  Notification: NotificationClass,
  actions: NotifyActions,
): (due: readonly ScheduledReminder[]) => void {
  return (due) => {
    if (!due.length || !Notification.isSupported()) return
    for (const { title, body, incidentId } of summarizeDue(due)) {
      const notification = new Notification({ title, body })
      notification.on('click', () =>
        incidentId ? actions.openIncident(incidentId) : actions.openReminders(),
      )
      notification.show()
    }
  }
}
