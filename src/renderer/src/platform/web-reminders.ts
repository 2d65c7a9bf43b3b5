/**
 * The reminder clock in a browser: the same scheduler the desktop app runs in its main process,
 * here in the page and in memory (the page's data is the record; it hands the schedule over again
 * when it starts). With several tabs open, only one runs the clock (a Web Lock), so a reminder is
 * shown and recorded once.
 */
import { summarizeDue } from '@shared/domain/reminders'
import type { ScheduledReminder } from '@shared/ipc-contract'
import { ReminderScheduler } from '@shared/reminders/scheduler'

export interface WebReminderClock {
  sync(schedule: ScheduledReminder[]): Promise<ScheduledReminder[]>
  onFired(listener: (fired: ScheduledReminder[]) => void): () => void
}

export function createWebReminderClock(
  win: Window,
  show: (notice: { title: string; body: string; incidentId?: string }) => void,
): WebReminderClock {
  const listeners = new Set<(fired: ScheduledReminder[]) => void>()
  let latest: ScheduledReminder[] = []
  let scheduler: ReminderScheduler | null = null

  const run = (): void => {
    scheduler = new ReminderScheduler({
      now: () => Date.now(),
      setTimer: (fn, ms) => win.setTimeout(fn, ms),
      clearTimer: (timer) => win.clearTimeout(timer as number),
      notify: (due) => summarizeDue(due).forEach(show),
      fired: (due) => listeners.forEach((listener) => listener(due)),
      load: () => Promise.resolve(null),
      save: () => Promise.resolve(),
    })
    void scheduler
      .replace(latest)
      .then((fired) => fired.length && listeners.forEach((l) => l(fired)))
  }
  const locks = win.navigator.locks as LockManager | undefined
  // Held until the tab closes; the next tab waiting for it then takes over.
  if (locks) void locks.request('steady-reminder-clock', () => (run(), new Promise(() => {})))
  else run()

  return {
    sync: (schedule) => {
      latest = schedule
      return scheduler ? scheduler.replace(schedule) : Promise.resolve([])
    },
    onFired: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
