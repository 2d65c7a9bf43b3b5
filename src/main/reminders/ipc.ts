import type { ReminderSync } from '../../shared/ipc-contract'
import type { Handle } from '../ipc/handle'
import type { ReminderScheduler } from './scheduler'

export function registerReminderIpc(
  handle: Handle,
  scheduler: Pick<ReminderScheduler, 'replace'>,
  onActiveIncidents: (incidents: ReminderSync['activeIncidents']) => void,
): void {
  handle('reminders:sync', async ({ reminders, activeIncidents }) => {
    onActiveIncidents(activeIncidents)
    await scheduler.replace(reminders)
    return null
  })
}
