/**
 * Autosave. Every keystroke goes first to a journal in localStorage, which is synchronous and
 * survives a closed window; the database write (strict durability: on disk when it resolves)
 * follows shortly after typing stops, and during continuous typing at least every `maxWaitMs`, so
 * a kill of the whole process (which can lose localStorage's lazy write) loses at most that much.
 * It also writes on blur, on a screen change and when the page is hidden or closed. A failed write
 * is retried with backoff. On start, any journal left behind is written to the database.
 */
import { create } from 'zustand'
import type { DbError } from './errors'

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

export const useSaveStatus = create<{ state: SaveState; error: string | null }>(() => ({
  state: 'idle',
  error: null,
}))

export interface AutosaveOptions<T> {
  /** The journal's key prefix in localStorage; one journal per record id. */
  prefix: string
  /** Writes a record's pending value durably. */
  write: (id: string, value: T) => Promise<unknown>
  /** Combines what is pending with a newer change (default: the newer value replaces it). */
  merge?: (older: T, newer: T) => T
  delayMs?: number
  /** While typing goes on without a pause, a write at least this often. */
  maxWaitMs?: number
  storage?: Storage
}

/** Retries of a failed write: 1 s, 2 s, 4 s… up to a minute apart, until one succeeds. */
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000]

/**
 * Saving or waiting to, unless the last write failed: the failure (and its banner, with the
 * emergency copy) stays through retries and typing until a write lands. Each retry and keystroke
 * used to hide the banner for a moment, and a click on its button could fall into the gap.
 */
const settle = (state: 'pending' | 'saving'): void => {
  if (useSaveStatus.getState().state !== 'error') useSaveStatus.setState({ state })
}

export class Autosave<T> {
  private readonly pending = new Map<string, T>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly maxWaits = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly failures = new Map<string, number>()
  private inFlight: Promise<void> = Promise.resolve()
  private readonly storage: Storage

  constructor(private readonly options: AutosaveOptions<T>) {
    this.storage = options.storage ?? localStorage
  }

  private combine(older: T | undefined, newer: T): T {
    return older !== undefined && this.options.merge ? this.options.merge(older, newer) : newer
  }

  /** What the user last typed for a record, saved or not. */
  pendingFor(id: string): T | undefined {
    return this.pending.get(id)
  }

  set(id: string, change: T): void {
    const value = this.combine(this.pending.get(id), change)
    this.pending.set(id, value)
    try {
      this.storage.setItem(this.options.prefix + id, JSON.stringify(value))
      settle('pending')
    } catch {
      // A full journal (localStorage has a few MB): the words go straight to the database instead,
      // and the status says so rather than "Saved".
      useSaveStatus.setState({
        state: 'pending',
        error: 'The crash journal is full; saving straight to the database.',
      })
      void this.flush(id)
      return
    }
    clearTimeout(this.timers.get(id))
    this.timers.set(
      id,
      setTimeout(() => void this.flush(id), this.options.delayMs ?? 500),
    )
    // WARNING: the pause above never comes while someone types without stopping; this does.
    if (!this.maxWaits.has(id))
      this.maxWaits.set(
        id,
        setTimeout(() => void this.flush(id), this.options.maxWaitMs ?? 300),
      )
  }

  /** Writes what is pending (for one record, or all). Resolves when it is durable. */
  flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...this.pending.keys()]
    const run = async (): Promise<void> => {
      for (const recordId of ids) {
        clearTimeout(this.timers.get(recordId))
        clearTimeout(this.maxWaits.get(recordId))
        this.maxWaits.delete(recordId)
        const value = this.pending.get(recordId)
        if (value === undefined) continue
        this.pending.delete(recordId)
        settle('saving')
        try {
          await this.options.write(recordId, value)
          this.failures.delete(recordId)
          // Only drop the journal if nothing newer was typed meanwhile.
          if (!this.pending.has(recordId)) this.storage.removeItem(this.options.prefix + recordId)
          // "Saved" only when nothing is waiting.
          useSaveStatus.setState(
            this.pending.size ? { state: 'pending' } : { state: 'saved', error: null },
          )
        } catch (error) {
          // Keep the words: back into pending (under anything newer), and the journal stays.
          const newer = this.pending.get(recordId)
          this.pending.set(recordId, newer === undefined ? value : this.combine(value, newer))
          useSaveStatus.setState({ state: 'error', error: (error as DbError).message })
          // And try again later, without waiting for the user to type.
          const failures = this.failures.get(recordId) ?? 0
          this.failures.set(recordId, failures + 1)
          clearTimeout(this.timers.get(recordId))
          this.timers.set(
            recordId,
            setTimeout(
              () => void this.flush(recordId),
              RETRY_MS[Math.min(failures, RETRY_MS.length - 1)],
            ),
          )
        }
      }
    }
    this.inFlight = this.inFlight.then(run)
    return this.inFlight
  }

  /** Reloads journals left by a closed window or a crash, and saves them. */
  async recover(): Promise<void> {
    for (let i = this.storage.length - 1; i >= 0; i--) {
      const key = this.storage.key(i)
      if (!key?.startsWith(this.options.prefix)) continue
      try {
        const value = JSON.parse(this.storage.getItem(key) ?? 'null') as T | null
        if (value === null) throw new Error('empty journal')
        this.pending.set(key.slice(this.options.prefix.length), value)
      } catch {
        this.storage.removeItem(key)
      }
    }
    await this.flush()
  }

  /** Flushes when the page is hidden or closed (the last chance before it goes). */
  listen(win: Window = window): () => void {
    const flushAll = (): void => void this.flush()
    const onVisibility = (): void => {
      if (win.document.visibilityState === 'hidden') flushAll()
    }
    win.addEventListener('pagehide', flushAll)
    win.document.addEventListener('visibilitychange', onVisibility)
    return () => {
      win.removeEventListener('pagehide', flushAll)
      win.document.removeEventListener('visibilitychange', onVisibility)
    }
  }
}
