import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ReminderScheduler, type ScheduledReminder, type SchedulerState } from './scheduler'

const T0 = Date.UTC(2026, 10, 26, 14, 0)
const MIN = 60_000
const DAY = 24 * 60 * MIN

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(T0)
})
afterEach(() => {
  vi.useRealTimers()
})

const reminder = (id: string, at: number): ScheduledReminder => ({
  id,
  incidentId: 'inc-1',
  at,
  title: `Reminder ${id}`,
  body: 'body',
})

/** What a restart keeps: the saved state, as JSON like the desktop app's file. */
type Disk = { saved: string | null }

/** A scheduler as the app builds one, with the clock and timers faked. */
function scheduler(disk: Disk = { saved: null }) {
  const shown: { ids: string[]; missed: boolean }[] = []
  const fired: string[][] = []
  const s = new ReminderScheduler({
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    notify: (due, missed) => shown.push({ ids: due.map((r) => r.id), missed }),
    fired: (due) => fired.push(due.map((r) => r.id)),
    load: () => Promise.resolve(disk.saved === null ? null : JSON.parse(disk.saved)),
    save: (state: SchedulerState) => {
      disk.saved = JSON.stringify(state)
      return Promise.resolve()
    },
  })
  /** Lets fake time pass, then waits for what it triggered (file writes are real). */
  const pass = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms)
    await s.idle()
  }
  return { s, shown, fired, pass }
}

describe('ReminderScheduler', () => {
  it('fires each reminder at its time, once, and says which fired', async () => {
    const { s, shown, fired, pass } = scheduler()
    await s.start()
    await s.replace([reminder('a', T0 + 5 * MIN), reminder('b', T0 + 10 * MIN)])
    await pass(5 * MIN - 1)
    expect(shown).toEqual([])
    await pass(1)
    expect(shown).toEqual([{ ids: ['a'], missed: false }])
    expect(fired).toEqual([['a']])
    await pass(5 * MIN)
    expect(shown.map((x) => x.ids)).toEqual([['a'], ['b']])
    expect(fired).toEqual([['a'], ['b']])
  })

  it('never fires again what a schedule sent before the page heard of the firing holds', async () => {
    const { s, shown, pass } = scheduler()
    await s.start()
    const stale = [reminder('a', T0 + 5 * MIN), reminder('b', T0 + 10 * MIN)]
    await s.replace(stale)
    await pass(5 * MIN)
    // The page had not recorded 'a' yet: it is answered as fired, to record, not shown again.
    await expect(s.replace(stale)).resolves.toEqual([stale[0]])
    await pass(60 * MIN)
    expect(shown.map((x) => x.ids)).toEqual([['a'], ['b']])
    // Once recorded, the page leaves both out; nothing is left to fire.
    await expect(s.replace([])).resolves.toEqual([])
    expect(s.upcoming()).toEqual([])
  })

  it('keeps only what is still to come across a restart, and fires what came due meanwhile, coalesced', async () => {
    const disk: Disk = { saved: null }
    const first = scheduler(disk)
    await first.s.start()
    await first.s.replace([
      reminder('a', T0 + 5 * MIN),
      reminder('b', T0 + 6 * MIN),
      reminder('c', T0 + 7 * MIN),
      reminder('later', T0 + 2 * DAY),
    ])
    first.s.stop() // the app quits

    vi.setSystemTime(T0 + 60 * MIN)
    const second = scheduler(disk)
    await second.s.start()
    expect(second.shown).toEqual([{ ids: ['a', 'b', 'c'], missed: true }])
    expect(second.fired).toEqual([['a', 'b', 'c']])

    second.s.stop()
    const third = scheduler(disk)
    await third.s.start()
    expect(third.shown).toEqual([])
    expect(third.s.upcoming().map((r) => r.id)).toEqual(['later'])
    // What fired is not kept on disk: the timeline is its record.
    expect(disk.saved).not.toContain('"a"')
  })

  it('treats an unreadable saved state as an empty schedule', async () => {
    const { s, shown } = scheduler({ saved: '{"schedule": [{"id": 1}]}' })
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
    await expect(s.replace([reminder('a', T0 + 15 * MIN)])).resolves.toEqual([])
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
