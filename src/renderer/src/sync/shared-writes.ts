/**
 * The team's writes to the local database, gathered: every bridge's work that arrives within one
 * turn of the event loop runs in one transaction. A new teammate's first sync brings a thousand
 * incidents at once; written one transaction each (several per incident) they took most of a
 * minute, gathered they are a few dozen writes.
 */
import Dexie from 'dexie'
import type { SteadyDb } from '../db/database'

type Work = () => Promise<void>

/** Works gathered into one transaction at most: a long one would hold the screens' writes up. */
const MOST = 100

export class SharedWrites {
  private queue: { work: Work; resolve: () => void; reject: (error: unknown) => void }[] = []
  private scheduled = false
  /** Keyed works queued and not started yet (see runOnce). */
  private readonly waiting = new Map<string, Promise<void>>()

  constructor(private readonly db: SteadyDb) {}

  /**
   * Runs `work` in a transaction on incidents, events, ydocs and sync marks; resolves once it
   * commits.
   */
  run(work: Work): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject })
      if (!this.scheduled) {
        this.scheduled = true
        setTimeout(() => void this.flush(), 0)
      }
    })
  }

  /**
   * Like `run`, but a work under the same `key` that is still waiting is not queued again: it
   * will see every change made meanwhile (a second pull of one incident would add nothing).
   */
  runOnce(key: string, work: Work): Promise<void> {
    const waiting = this.waiting.get(key)
    if (waiting) return waiting
    const queued = this.run(() => {
      this.waiting.delete(key)
      return work()
    })
    this.waiting.set(key, queued)
    // Also when the transaction failed before the work began: the key may be asked for again.
    const forget = () => {
      if (this.waiting.get(key) === queued) this.waiting.delete(key)
    }
    queued.then(forget, forget)
    return queued
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, MOST)
    const { db } = this
    let settled: () => void
    try {
      // Never inside a caller's transaction: this is its own write.
      await Dexie.ignoreTransaction(() =>
        db.transaction('rw', [db.incidents, db.events, db.ydocs, db.syncMarks], () =>
          Promise.all(batch.map(({ work }) => work())),
        ),
      )
      settled = () => batch.forEach(({ resolve }) => resolve())
    } catch (error) {
      settled = () => batch.forEach(({ reject }) => reject(error))
    }
    // Told in a task of its own: what a caller does next (a status shown, a screen drawn and its
    // effects, which write) must not run in the finished transaction's zone, which Dexie can
    // still hold for the microtasks that follow it ("not included in parent transaction").
    setTimeout(() => settled(), 0)
    if (this.queue.length) setTimeout(() => void this.flush(), 0)
    else this.scheduled = false
  }
}
