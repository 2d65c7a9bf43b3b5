/**
 * Autosave. Every keystroke goes first to a journal in localStorage, which is synchronous and
 * survives a crash or a closed window; the database write follows shortly after typing stops, on
 * blur, on a screen change and when the page is hidden or closed. On start, any journal left behind
 * is written to the database, so the last words typed are never lost.
 */
import { create } from 'zustand'
import type { DbError } from '../../db/errors'

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
  storage?: Storage
}

export class Autosave<T> {
  private readonly pending = new Map<string, T>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
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
    this.storage.setItem(this.options.prefix + id, JSON.stringify(value))
    useSaveStatus.setState({ state: 'pending' })
    clearTimeout(this.timers.get(id))
    this.timers.set(
      id,
      setTimeout(() => void this.flush(id), this.options.delayMs ?? 500),
    )
  }

  /** Writes what is pending (for one record, or all). Resolves when it is durable. */
  flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...this.pending.keys()]
    const run = async (): Promise<void> => {
      for (const recordId of ids) {
        clearTimeout(this.timers.get(recordId))
        const value = this.pending.get(recordId)
        if (value === undefined) continue
        this.pending.delete(recordId)
        useSaveStatus.setState({ state: 'saving' })
        try {
          await this.options.write(recordId, value)
          // Only drop the journal if nothing newer was typed meanwhile.
          if (!this.pending.has(recordId)) this.storage.removeItem(this.options.prefix + recordId)
          useSaveStatus.setState({ state: 'saved', error: null })
        } catch (error) {
          // Keep the words: back into pending (under anything newer), and the journal stays.
          const newer = this.pending.get(recordId)
          this.pending.set(recordId, newer === undefined ? value : this.combine(value, newer))
          useSaveStatus.setState({ state: 'error', error: (error as DbError).message })
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
