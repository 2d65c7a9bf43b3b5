/**
 * Autosave for incident fields. Every keystroke goes first to a journal in localStorage, which is
 * synchronous and survives a crash or a closed window; the database write follows shortly after
 * typing stops, on blur, on a screen change and when the page is hidden or closed. On start, any
 * journal left behind is written to the database, so the last words typed are never lost.
 */
import type { IncidentDetails } from '@shared/domain/model'
import { create } from 'zustand'
import type { DbError } from '../../db/errors'
import type { IncidentsRepo } from '../../db/incidents-repo'

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

export const useSaveStatus = create<{ state: SaveState; error: string | null }>(() => ({
  state: 'idle',
  error: null,
}))

const JOURNAL_PREFIX = 'steady.pending.'
const DELAY_MS = 500

type Patch = Partial<IncidentDetails>

export class Autosave {
  private readonly pending = new Map<string, Patch>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private inFlight: Promise<void> = Promise.resolve()

  constructor(
    private readonly repo: Pick<IncidentsRepo, 'editDetails'>,
    private readonly storage: Storage = localStorage,
  ) {}

  /** The value the user last typed for a field, saved or not. */
  pendingValue<K extends keyof IncidentDetails>(
    id: string,
    field: K,
  ): IncidentDetails[K] | undefined {
    return this.pending.get(id)?.[field] as IncidentDetails[K] | undefined
  }

  set(id: string, changes: Patch): void {
    const patch = { ...this.pending.get(id), ...changes }
    this.pending.set(id, patch)
    this.storage.setItem(JOURNAL_PREFIX + id, JSON.stringify(patch))
    useSaveStatus.setState({ state: 'pending' })
    clearTimeout(this.timers.get(id))
    this.timers.set(
      id,
      setTimeout(() => void this.flush(id), DELAY_MS),
    )
  }

  /** Writes what is pending (for one incident, or all). Resolves when it is durable. */
  flush(id?: string): Promise<void> {
    const ids = id ? [id] : [...this.pending.keys()]
    const run = async (): Promise<void> => {
      for (const incidentId of ids) {
        clearTimeout(this.timers.get(incidentId))
        const patch = this.pending.get(incidentId)
        if (!patch) continue
        this.pending.delete(incidentId)
        useSaveStatus.setState({ state: 'saving' })
        try {
          await this.repo.editDetails(incidentId, patch)
          // Only drop the journal if nothing newer was typed meanwhile.
          if (!this.pending.has(incidentId)) this.storage.removeItem(JOURNAL_PREFIX + incidentId)
          useSaveStatus.setState({ state: 'saved', error: null })
        } catch (error) {
          // Keep the words: back into pending (under anything newer) and the journal stays.
          this.pending.set(incidentId, { ...patch, ...this.pending.get(incidentId) })
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
      if (!key?.startsWith(JOURNAL_PREFIX)) continue
      try {
        const patch = JSON.parse(this.storage.getItem(key) ?? '{}') as Patch
        this.pending.set(key.slice(JOURNAL_PREFIX.length), patch)
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
