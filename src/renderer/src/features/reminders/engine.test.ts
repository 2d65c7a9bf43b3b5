import type { Reminder } from '@shared/domain/reminders'
import { describe, expect, it } from 'vitest'
import { fireDue } from './engine'

const NOW = Date.UTC(2026, 10, 27, 3, 0)
const reminder = (n: number, over: Partial<Reminder> = {}): Reminder => ({
  id: `i${n % 3}:r${n}`,
  incidentId: `i${n % 3}`,
  rule: 'mitigationCheckIn',
  at: NOW - 60_000,
  title: `Reminder ${n}`,
  body: 'body',
  firedAt: null,
  missed: false,
  ...over,
})

describe('the reminder engine', () => {
  it('shows one or two due reminders each, and records each once', () => {
    const fired = new Set<string>()
    const due = [reminder(1), reminder(2)]
    const first = fireDue(due, NOW, fired)
    expect(first.notifications.map((n) => n.title)).toEqual(['Reminder 1', 'Reminder 2'])
    expect(first.record).toHaveLength(2)
    expect(fireDue(due, NOW + 15_000, fired)).toEqual({ notifications: [], record: [] })
  })

  it('turns 40 due at once (a laptop waking up, an import) into one notification', () => {
    const burst = Array.from({ length: 40 }, (_, n) => reminder(n))
    const { notifications, record } = fireDue(burst, NOW, new Set())
    expect(notifications).toHaveLength(1)
    expect(notifications[0]?.title).toBe('40 reminders: 3 incidents need attention')
    expect(record).toHaveLength(40)
  })

  it('notifies nothing that was missed, already fired, not yet due, or long past', () => {
    const quiet = [
      reminder(1, { missed: true }),
      reminder(2, { firedAt: NOW - 30_000 }),
      reminder(3, { at: NOW + 60_000 }),
      reminder(4, { at: NOW - 3 * 60 * 60_000 }),
    ]
    expect(fireDue(quiet, NOW, new Set())).toEqual({ notifications: [], record: [] })
  })

  it('fires a snoozed reminder again at its new time', () => {
    const fired = new Set<string>()
    fireDue([reminder(1)], NOW, fired)
    const snoozed = reminder(1, { at: NOW + 10 * 60_000, firedAt: NOW })
    expect(fireDue([snoozed], NOW + 10 * 60_000, fired).notifications).toHaveLength(1)
  })
})
