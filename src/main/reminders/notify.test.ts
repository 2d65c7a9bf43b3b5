import { describe, expect, it } from 'vitest'
import type { ScheduledReminder } from '../../shared/ipc-contract'
import { createNotifier, type NotificationLike } from './notify'

function recorder() {
  const shown: { title: string; body: string; click: () => void }[] = []
  const opened: string[] = []
  /** A stand-in for Electron's Notification that records what is shown. */
  class FakeNotification implements NotificationLike {
    static isSupported = () => true
    private readonly entry: { title: string; body: string; click: () => void }
    constructor({ title, body }: { title: string; body: string }) {
      this.entry = { title, body, click: () => undefined }
    }
    on(_event: 'click', listener: () => void) {
      this.entry.click = listener
    }
    show() {
      shown.push(this.entry)
    }
  }
  const notify = createNotifier(FakeNotification, {
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
    class Unsupported {
      static isSupported = () => false
      constructor() {
        throw new Error('not here')
      }
      on() {}
      show() {}
    }
    const opened: string[] = []
    expect(() =>
      createNotifier(Unsupported, {
        openIncident: (id) => opened.push(id),
        openReminders: () => opened.push('reminders'),
      })([due(1)]),
    ).not.toThrow()
  })
})
