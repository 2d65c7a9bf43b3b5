import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ReminderScheduler, type ScheduledReminder } from './scheduler'
import { fileStore } from './store'

const T0 = Date.UTC(2026, 10, 26, 14, 0)
const MIN = 60_000
const DAY = 24 * 60 * MIN

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-reminders-'))
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(T0)
})
afterEach(async () => {
  vi.useRealTimers()
  await rm(dir, { recursive: true, force: true })
})

const reminder = (id: string, at: number): ScheduledReminder => ({
  id,
  incidentId: 'inc-1',
  at,
  title: `Reminder ${id}`,
  body: 'body',
})

/** A scheduler as the app builds one, over a real file, with the clock and timers faked. */
function scheduler(file = path.join(dir, 'reminders.json')) {
  const shown: { ids: string[]; missed: boolean }[] = []
  const s = new ReminderScheduler({
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    notify: (due, missed) => shown.push({ ids: due.map((r) => r.id), missed }),
    ...fileStore(file),
  })
  /** Lets fake time pass, then waits for what it triggered (file writes are real). */
  const pass = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms)
    await s.idle()
  }
  return { s, shown, pass }
}

describe('ReminderScheduler', () => {
  it('fires each reminder at its time, once', async () => {
    const { s, shown, pass } = scheduler()
    await s.start()
    await s.replace([reminder('a', T0 + 5 * MIN), reminder('b', T0 + 10 * MIN)])
    await pass(5 * MIN - 1)
    expect(shown).toEqual([])
    await pass(1)
    expect(shown).toEqual([{ ids: ['a'], missed: false }])
    await pass(5 * MIN)
    expect(shown.map((x) => x.ids)).toEqual([['a'], ['b']])
    // The renderer sends the same schedule again: nothing fires twice.
    await s.replace([reminder('a', T0 + 5 * MIN), reminder('b', T0 + 10 * MIN)])
    await pass(60 * MIN)
    expect(shown).toHaveLength(2)
  })

  it('keeps the schedule across a restart and fires what came due meanwhile, once and coalesced', async () => {
    const first = scheduler()
    await first.s.start()
    await first.s.replace([
      reminder('a', T0 + 5 * MIN),
      reminder('b', T0 + 6 * MIN),
      reminder('c', T0 + 7 * MIN),
      reminder('later', T0 + 2 * DAY),
    ])
    first.s.stop() // the app quits

    vi.setSystemTime(T0 + 60 * MIN)
    const second = scheduler()
    await second.s.start()
    expect(second.shown).toEqual([{ ids: ['a', 'b', 'c'], missed: true }])

    second.s.stop()
    const third = scheduler()
    await third.s.start()
    expect(third.shown).toEqual([])
    expect(third.s.upcoming().map((r) => r.id)).toEqual(['later'])
  })

  it('treats a corrupt file as an empty schedule', async () => {
    const file = path.join(dir, 'reminders.json')
    await writeFile(file, '{"schedule": [{"id": 1}]')
    const { s, shown } = scheduler(file)
    await s.start()
    expect(shown).toEqual([])
    expect(s.upcoming()).toEqual([])
  })

  it('moves a snoozed reminder and forgets a dismissed one', async () => {
    const { s, shown, pass } = scheduler()
    await s.start()
    await s.replace([reminder('a', T0 + 5 * MIN)])
    await pass(5 * MIN)
    expect(shown).toHaveLength(1)
    // Snoozed for 10 minutes: same id, later time.
    await s.replace([reminder('a', T0 + 15 * MIN)])
    await pass(10 * MIN)
    expect(shown.map((x) => x.ids)).toEqual([['a'], ['a']])
    // Dismissed: the renderer leaves it out.
    await s.replace([])
    expect(s.upcoming()).toEqual([])
  })

  it('cancels reminders that a new schedule leaves out', async () => {
    const { s, shown, pass } = scheduler()
    await s.start()
    await s.replace([reminder('a', T0 + 5 * MIN), reminder('b', T0 + 6 * MIN)])
    await s.replace([reminder('b', T0 + 6 * MIN)])
    await pass(10 * MIN)
    expect(shown.map((x) => x.ids)).toEqual([['b']])
  })

  it('notices a clock jump within a minute, and a wake from sleep at once', async () => {
    const { s, shown, pass } = scheduler()
    await s.start()
    await s.replace([reminder('a', T0 + 3 * 60 * MIN)])
    // The wall clock jumps three hours ahead (no timer time passes).
    vi.setSystemTime(T0 + 3 * 60 * MIN + 1)
    await pass(MIN)
    expect(shown.map((x) => x.ids)).toEqual([['a']])

    await s.replace([reminder('a', T0 + 3 * 60 * MIN), reminder('b', Date.now() + 30 * MIN)])
    vi.setSystemTime(Date.now() + 31 * MIN) // asleep: no timers ran
    await s.resume()
    expect(shown.map((x) => x.ids)).toEqual([['a'], ['b']])
  })

  it('waits 40 days without losing the reminder', async () => {
    const { s, shown, pass } = scheduler()
    await s.start()
    await s.replace([reminder('far', T0 + 40 * DAY)])
    await pass(40 * DAY - MIN)
    expect(shown).toEqual([])
    await pass(MIN)
    expect(shown).toEqual([{ ids: ['far'], missed: false }])
  })
})
