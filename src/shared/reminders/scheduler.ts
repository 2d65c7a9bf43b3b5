/**
 * The reminder clock, one for both kinds of app: the page computes what is due (the domain's
 * `dueReminders`) and hands over the schedule; this fires each reminder at its time, once, and
 * says which fired so the page writes them to their incidents' timelines. The timeline is the
 * only record of what fired: the page leaves fired reminders out of its next schedule.
 *
 * The desktop app runs it in the main process over a file, so reminders fire with the window
 * closed and survive a restart; the web app runs it in the page, in memory.
 *
 * Timers never wait longer than a minute: a sleeping laptop or a clock that jumps is noticed
 * within a minute (and at once on resume), and delays longer than a timer can hold (about 24.8
 * days) need no special case.
 */
import { z } from 'zod'

import { scheduledReminderSchema, type ScheduledReminder } from '../ipc-contract'

export type { ScheduledReminder }

/** What is kept between runs: only what is still to come. */
const stateSchema = z.object({ schedule: z.array(scheduledReminderSchema) })
export type SchedulerState = z.infer<typeof stateSchema>

export interface SchedulerDeps {
  now: () => number
  setTimer: (fn: () => void, ms: number) => unknown
  clearTimer: (timer: unknown) => void
  /** Shows what is due; `atStart` when it came due while Steady was not running. */
  notify: (due: ScheduledReminder[], atStart: boolean) => void
  /** Tells the page what fired, for its timelines. */
  fired: (due: ScheduledReminder[]) => void
  load: () => Promise<unknown>
  save: (state: SchedulerState) => Promise<void>
}

export const MAX_WAIT_MS = 60_000

const key = (r: Pick<ScheduledReminder, 'id' | 'at'>) => `${r.id}@${r.at}`

export class ReminderScheduler {
  private schedule: ScheduledReminder[] = []
  /**
   * What fired in this run, until the page's schedule leaves it out: a schedule the page sent
   * before it heard of a firing must not fire it again. Not kept across runs.
   */
  private shown = new Map<string, ScheduledReminder>()
  private timer: unknown = null
  /** Every change runs in turn, so two saves never race and nothing is decided on stale state. */
  private work: Promise<void> = Promise.resolve()

  constructor(private readonly deps: SchedulerDeps) {}

  /** Loads the saved schedule, fires once (coalesced) what came due while closed, and arms. */
  start(): Promise<void> {
    return this.queue(async () => {
      const parsed = stateSchema.safeParse(await this.deps.load().catch(() => null))
      if (parsed.success) this.schedule = parsed.data.schedule
      await this.fireDue(true)
    })
  }

  /**
   * The page's new schedule replaces the old one; reminders no longer in it are cancelled. Answers
   * with those in it that already fired, which the page has yet to record.
   */
  replace(schedule: ScheduledReminder[]): Promise<ScheduledReminder[]> {
    let unrecorded: ScheduledReminder[] = []
    return this.queue(async () => {
      const keys = new Set(schedule.map(key))
      for (const k of this.shown.keys()) if (!keys.has(k)) this.shown.delete(k)
      unrecorded = schedule.filter((r) => this.shown.has(key(r)))
      this.schedule = schedule.filter((r) => !this.shown.has(key(r)))
      await this.deps.save({ schedule: this.schedule })
      await this.fireDue(false)
    }).then(() => unrecorded)
  }

  /** After the system wakes, or whenever the clock may have jumped. */
  resume(): Promise<void> {
    return this.queue(() => this.fireDue(false))
  }

  /** Resolves when everything asked so far is done (and saved). */
  idle(): Promise<void> {
    return this.work
  }

  private queue(task: () => Promise<void>): Promise<void> {
    this.work = this.work.then(task, task)
    return this.work
  }

  stop(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer)
    this.timer = null
  }

  upcoming(): ScheduledReminder[] {
    return [...this.schedule].sort((a, b) => a.at - b.at)
  }

  private async fireDue(atStart: boolean): Promise<void> {
    const now = this.deps.now()
    const due = this.schedule.filter((r) => r.at <= now)
    if (due.length) {
      // Out of the saved schedule before it is shown: a crash right after never shows it twice.
      this.schedule = this.schedule.filter((r) => r.at > now)
      for (const r of due) this.shown.set(key(r), r)
      await this.deps.save({ schedule: this.schedule })
      this.deps.notify(due, atStart)
      this.deps.fired(due)
    }
    this.arm()
  }

  private arm(): void {
    this.stop()
    const next = this.upcoming()[0]
    if (!next) return
    const wait = Math.min(Math.max(next.at - this.deps.now(), 0), MAX_WAIT_MS)
    this.timer = this.deps.setTimer(() => void this.queue(() => this.fireDue(false)), wait)
  }
}
