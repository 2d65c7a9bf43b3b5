import type { Handle } from '../ipc/handle'
import type { ReminderScheduler } from '../../shared/reminders/scheduler'

export function registerReminderIpc(
  handle: Handle,
  scheduler: Pick<ReminderScheduler, 'replace'>,
): void {
  handle('reminders:sync', (schedule) => scheduler.replace(schedule))
}
