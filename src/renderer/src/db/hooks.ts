/** Live reads for components: they re-render when the data changes, in any tab or window. */
import type { TimelineEvent } from '@shared/domain/events'
import type { ActionItem, Incident, Settings } from '@shared/domain/model'
import { listRow, type ListRow } from '@shared/domain/summary'
import Dexie from 'dexie'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import type { PostmortemRow } from './database'
import { db, postmortemAutosave } from './instance'
import { incidentActionItems, incidentEvents, outstandingReader } from './queries/incident'
import { loadSettings } from './settings-repo'
import { summariesReader } from './summaries-reader'

export function useIncident(id: string): Incident | null | undefined {
  // undefined while loading, null when it does not exist.
  return useLiveQuery(async () => (await db.incidents.get(id)) ?? null, [id])
}

export function useIncidentEvents(id: string): TimelineEvent[] | undefined {
  return useLiveQuery(() => incidentEvents(db, id), [id])
}

/**
 * A read too big to repeat after every write, kept fresh enough: it runs `startMs` after mounting
 * (while `enabled`), then `quietMs` after changes to `tables` stop (in any tab: Dexie reports
 * those too). `load` must be stable (module-level, or memoised: a new one starts a new read); it
 * is told when its result is no longer wanted. A read that gives nothing keeps the last result.
 */
export function useSettledRead<T>(
  load: (wanted: () => boolean) => Promise<T | undefined>,
  options: {
    tables: readonly string[]
    startMs: number
    quietMs: number
    /** A result still current (nothing changed since it was read): shown at once, not read again. */
    cache?: SettledCache<T>
  },
  enabled = true,
): T | undefined {
  const { startMs, quietMs, cache } = options
  const [result, setResult] = useState<T | undefined>(() =>
    enabled && startMs === 0 ? cache?.get() : undefined,
  )
  const tables = options.tables.join('|')
  useEffect(() => {
    if (!enabled) return
    let alive = true
    const wanted = () => alive
    // One read at a time: changes during a read ask for one more after it, never a second read
    // beside it (at 100,000 incidents a read takes seconds, and reads piling up held gigabytes).
    let reading = false
    let again = false
    const reload = () => {
      if (reading) {
        again = true
        return
      }
      // Read since the last change (by another screen, say): nothing to read again.
      const current = cache?.get()
      if (current !== undefined) {
        if (alive) setResult(current)
        return
      }
      reading = true
      const since = cache?.version()
      void load(wanted)
        .then((next) => {
          if (next !== undefined && since !== undefined) cache?.set(next, since)
          if (alive && next !== undefined) setResult(next)
        })
        .finally(() => {
          reading = false
          if (again && alive) {
            again = false
            clearTimeout(timer)
            timer = setTimeout(reload, quietMs)
          }
        })
    }
    // A current result is shown at the same moment a read would have started (the incident
    // screens let their first render go first).
    let timer = setTimeout(reload, startMs)
    const changed = new RegExp(`/(${tables})/`)
    const soon = (parts: Record<string, unknown>) => {
      if (!Object.keys(parts).some((key) => changed.test(key))) return
      clearTimeout(timer)
      timer = setTimeout(reload, quietMs)
    }
    Dexie.on.storagemutated.subscribe(soon)
    return () => {
      alive = false
      clearTimeout(timer)
      Dexie.on.storagemutated.unsubscribe(soon)
    }
  }, [load, enabled, tables, startMs, quietMs, cache])
  return result
}

/**
 * The last result of a settled read, forgotten as soon as one of its tables changes: every screen
 * reading the same (the reminder engine and the reminder center, say) reads once per change.
 */
export interface SettledCache<T> {
  get(): T | undefined
  /** Changes seen so far: a read notes this when it starts. */
  version(): number
  /** Keeps what a read that started at `since` gave, unless a change came meanwhile. */
  set(value: T, since: number): void
}

export function settledCache<T>(tables: readonly string[]): SettledCache<T> {
  let value: T | undefined
  let version = 0
  const changed = new RegExp(`/(${tables.join('|')})/`)
  Dexie.on.storagemutated.subscribe((parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((key) => changed.test(key))) return
    value = undefined
    version++
  })
  return {
    get: () => value,
    version: () => version,
    set: (next, since) => {
      if (since === version) value = next
    },
  }
}

/**
 * Every incident's row of the list, read whole once, then only what changed (summaries-reader.ts):
 * one copy for the page (the list, and the action items page).
 */
const pageRows = summariesReader(db, listRow)
const readRows = (wanted: () => boolean) => pageRows.read(wanted)

/** The outstanding action items (the action items page, reminders), kept the same way. */
export const pageOutstanding = outstandingReader(db)

/**
 * Every incident's row of the list (its summary's shown, ordered and filtered parts), in storage
 * order, once `enabled`; read again a moment after incidents stop changing.
 */
export function useListRows(enabled = true, startMs = LIST_ROWS.startMs): ListRow[] | undefined {
  return useSettledRead(readRows, { ...LIST_ROWS, startMs }, enabled)
}
// On the list, a moment after the first rows show: the first key press (N, say) does not queue
// behind it. A screen that needs them at once (the action items page) starts at once. One read
// serves every screen opened after it while no incident changes (the list, then that page, say).
const LIST_ROWS = {
  tables: ['summaries'],
  startMs: 250,
  quietMs: 300,
  cache: settledCache<ListRow[]>(['summaries']),
}

export function useActionItems(incidentId: string): ActionItem[] | undefined {
  return useLiveQuery(() => incidentActionItems(db, incidentId), [incidentId])
}

/** The saved post-mortem document: undefined while loading, null before the first save. */
export function usePostmortem(incidentId: string): PostmortemRow | null | undefined {
  // Read while the incident was (readPostmortemAhead): the editor is made in the screen's first
  // render, not after a frame and a read of its own (a 50-page document showed 40 ms sooner).
  const [early] = useState(() => readAhead(incidentId))
  return useLiveQuery(
    async () => (await db.postmortems.get(incidentId)) ?? null,
    [incidentId],
    early?.incidentId === incidentId ? early : undefined,
  )
}

/** The post-mortem read as its incident's screen opened, and when. */
let ahead: { incidentId: string; at?: number; row?: PostmortemRow } | null = null
/** Older than this, it is not used: the screen waits for its own read. */
const AHEAD_MS = 1000

/**
 * Reads an incident's post-mortem while the incident itself is read (whose phase says whether
 * the document is shown), after this window's own writes of it (leaving the screen saves it):
 * never an older copy. Only a saved document is handed over: "none saved yet" starts a template
 * from the record, so it is only ever the screen's own read. Resolves once it is read.
 */
export function readPostmortemAhead(incidentId: string): Promise<void> {
  const entry: NonNullable<typeof ahead> = { incidentId }
  ahead = entry
  return postmortemAutosave
    .flush(incidentId)
    .then(() => db.postmortems.get(incidentId))
    .then(
      (row) => {
        entry.at = Date.now()
        entry.row = row
      },
      () => undefined,
    )
}

function readAhead(incidentId: string): PostmortemRow | undefined {
  if (ahead?.incidentId !== incidentId || ahead.at === undefined) return undefined
  return Date.now() - ahead.at <= AHEAD_MS ? ahead.row : undefined
}

/** The settings last read: a screen opened again has them at once, then reads them anew. */
let lastSettings: Settings | undefined

/** The settings; undefined until first read. */
export function useSettings(): Settings | undefined {
  return useLiveQuery(async () => (lastSettings = await loadSettings(db)), [], lastSettings)
}

/** The incidents touched most recently (not in the trash), newest first: the palette's "go to". */
export function useRecentIncidents(limit: number): Incident[] | undefined {
  return useLiveQuery(
    () =>
      db.incidents
        .orderBy('updatedAt')
        .reverse()
        .filter((i) => i.status !== 'deleted')
        .limit(limit)
        .toArray(),
    [limit],
  )
}
