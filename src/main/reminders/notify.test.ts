import { describe, expect, it } from 'vitest'
import type { ScheduledReminder } from '../../shared/ipc-contract'
import { createNotifier, type NotificationLike } from './notify'

function recorder() {
  const shown: { title: string; body: string; click: () => void }[] = []
  const opened: string[] = []
  const notify = createNotifier({
    isSupported: () => true,
    create: ({ title, body }) => {
      const entry: { title: string; body: string; click: () => void } = {
        title,
        body,
        click: () => undefined,
      }
      const notification: NotificationLike = {
        on: (_event, listener) => (entry.click = listener),
        show: () => shown.push(entry),
      }
      return notification
    },
    openIncident: (id) => opened.push(`incident ${id}`),
    openReminders: () => opened.push('reminders'),
  })
  return { notify, shown, opened }
}

const due = (n: number, incidentId = `i${n % 2}`): ScheduledReminder => ({
  id: `${incidentId}:r${n}`,
  incidentId,
  at: 0,
  title: `Reminder ${n}`,
  body: 'body',
})

describe('reminder notifications', () => {
  it('shows a couple one by one; a click opens its incident', () => {
    const { notify, shown, opened } = recorder()
    notify([due(1), due(2)])
    expect(shown.map((s) => s.title)).toEqual(['Reminder 1', 'Reminder 2'])
    shown[0]?.click()
    expect(opened).toEqual(['incident i1'])
  })

  it('shows 40 due at once as one summary that opens the reminder center', () => {
    const { notify, shown, opened } = recorder()
    notify(Array.from({ length: 40 }, (_, n) => due(n)))
    expect(shown).toHaveLength(1)
    expect(shown[0]?.title).toBe('40 reminders: 2 incidents need attention')
    shown[0]?.click()
    expect(opened).toEqual(['reminders'])
  })

  it('shows nothing where notifications are not supported', () => {
    const shown: unknown[] = []
    createNotifier({
      isSupported: () => false,
      create: () => {
        throw new Error('not here')
      },
      openIncident: () => undefined,
      openReminders: () => undefined,
    })([due(1)])
    expect(shown).toEqual([])
  })
})
