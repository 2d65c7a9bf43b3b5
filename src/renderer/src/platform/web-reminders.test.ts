import type { ScheduledReminder } from '@shared/ipc-contract'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createWebReminderClock } from './web-reminders'

const NOW = Date.UTC(2026, 10, 27, 3, 0)
const due = (n: number, at = NOW - 60_000): ScheduledReminder => ({
  id: `i${n % 3}:r${n}`,
  incidentId: `i${n % 3}`,
  at,
  title: `Reminder ${n}`,
  body: 'body',
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => vi.useRealTimers())

function clock() {
  const shown: string[] = []
  const fired: string[][] = []
  const c = createWebReminderClock(window, ({ title }) => shown.push(title))
  c.onFired((list) => fired.push(list.map((r) => r.id)))
  return { c, shown, fired }
}

describe('the reminder clock in a browser', () => {
  it('turns 40 due at once (an import, a laptop waking up) into one notification, and records all', async () => {
    const { c, shown, fired } = clock()
    await c.sync(Array.from({ length: 40 }, (_, n) => due(n)))
    expect(shown).toEqual(['40 reminders: 3 incidents need attention'])
    expect(fired[0]).toHaveLength(40)
  })

  it('shows a reminder at its time, once', async () => {
    const { c, shown, fired } = clock()
    const later = [due(1, NOW + 5 * 60_000)]
    await c.sync(later)
    expect(shown).toEqual([])
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(shown).toEqual(['Reminder 1'])
    expect(fired).toEqual([['i1:r1']])
    // The page had not recorded it yet when it sent the schedule again: answered, not shown again.
    await expect(c.sync(later)).resolves.toEqual(later)
    expect(shown).toHaveLength(1)
  })
})
