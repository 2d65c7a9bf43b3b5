/**
 * The desktop reminder schedule. The renderer computes what is due (the domain's `dueReminders`)
 * and hands over the whole schedule; this service keeps it in a file, so reminders survive a
 * restart, and fires each one once, even while the window is closed.
 *
 * Timers never wait longer than a minute: a sleeping laptop or a clock that jumps is noticed
 * within a minute (and at once on resume), and delays longer than a timer can hold (about 24.8
 * days) need no special case.
 */
import { z } from 'zod'

import { scheduledReminderSchema, type ScheduledReminder } from '../../shared/ipc-contract'

export type { ScheduledReminder }

const stateSchema = z.object({
  schedule: z.array(scheduledReminderSchema),
  /** Reminder id → the due time it last fired for. */
  fired: z.record(z.string(), z.number()),
})
export type SchedulerState = z.infer<typeof stateSchema>

export interface SchedulerDeps {
  now: () => number
  setTimer: (fn: () => void, ms: number) => unknown
  clearTimer: (timer: unknown) => void
  /** Shows what is due. More than one at a time is a "while you were away" summary. */
  notify: (due: ScheduledReminder[], missed: boolean) => void
  load: () => Promise<unknown>
  save: (state: SchedulerState) => Promise<void>
}

export const MAX_WAIT_MS = 60_000

export class ReminderScheduler {
  private state: SchedulerState = { schedule: [], fired: {} }
  private timer: unknown = null
  /** Every change runs in turn, so two saves never race and nothing is decided on stale state. */
  private work: Promise<void> = Promise.resolve()

  constructor(private readonly deps: SchedulerDeps) {}

  /** Loads the saved schedule, fires once (coalesced) what came due while closed, and arms. */
  start(): Promise<void> {
    return this.queue(async () => {
      const parsed = stateSchema.safeParse(await this.deps.load().catch(() => null))
      if (parsed.success) this.state = parsed.data
      await this.fireDue(true)
    })
  }

  /** The renderer's new schedule replaces the old one; reminders no longer in it are cancelled. */
  replace(schedule: ScheduledReminder[]): Promise<void> {
    return this.queue(async () => {
      const ids = new Set(schedule.map((r) => r.id))
      const fired = Object.fromEntries(
        Object.entries(this.state.fired).filter(([id]) => ids.has(id)),
      )
      this.state = { schedule, fired }
      await this.deps.save(this.state)
      await this.fireDue(false)
    })
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
    return this.state.schedule.filter((r) => !this.hasFired(r)).sort((a, b) => a.at - b.at)
  }

  private hasFired(r: ScheduledReminder): boolean {
    return (this.state.fired[r.id] ?? -1) >= r.at
  }

  private async fireDue(atStart: boolean): Promise<void> {
    const now = this.deps.now()
    const due = this.state.schedule.filter((r) => r.at <= now && !this.hasFired(r))
    if (due.length) {
      // Saved before it is shown: a crash right after can never make it fire twice.
      for (const r of due) this.state.fired[r.id] = r.at
      await this.deps.save(this.state)
      this.deps.notify(due, atStart)
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
