/** Live reads for components: they re-render when the data changes, in any tab or window. */
import type { TimelineEvent } from '@shared/domain/events'
import type { ActionItem, Incident, Settings } from '@shared/domain/model'
import Dexie from 'dexie'
import { useLiveQuery } from 'dexie-react-hooks'
import type { PostmortemRow } from './database'
import { db } from './instance'
import { loadSettings } from './settings-repo'

export function useIncident(id: string): Incident | null | undefined {
  // undefined while loading, null when it does not exist.
  return useLiveQuery(async () => (await db.incidents.get(id)) ?? null, [id])
}

export function useIncidentEvents(id: string): TimelineEvent[] | undefined {
  return useLiveQuery(
    () =>
      db.events.where('[incidentId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray(),
    [id],
  )
}

const SLICE = 500

/**
 * Every incident, in storage order (the list sorts them itself), once `enabled`. Read a slice at a
 * time, so thousands of incidents never hold up input in one long task.
 */
export function useAllIncidents(enabled = true): Incident[] | undefined {
  return useLiveQuery(async () => {
    if (!enabled) return undefined
    const all: Incident[] = []
    for (;;) {
      const last = all.at(-1)
      const from = last ? db.incidents.where('id').above(last.id) : db.incidents.toCollection()
      const slice = await from.limit(SLICE).toArray()
      all.push(...slice)
      if (slice.length < SLICE) return all
    }
  }, [enabled])
}

export function useActionItems(incidentId: string): ActionItem[] | undefined {
  return useLiveQuery(
    () => db.actionItems.where('incidentId').equals(incidentId).sortBy('createdAt'),
    [incidentId],
  )
}

/** The saved post-mortem document: undefined while loading, null before the first save. */
export function usePostmortem(incidentId: string): PostmortemRow | null | undefined {
  return useLiveQuery(async () => (await db.postmortems.get(incidentId)) ?? null, [incidentId])
}

/** Open and done-but-unverified items of every incident, soonest due first. */
export function useOutstandingActionItems(): ActionItem[] | undefined {
  return useLiveQuery(
    () =>
      db.actionItems
        .where('status')
        .anyOf('open', 'done')
        .toArray()
        .then((items) => items.sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity))),
    [],
  )
}

export function useSettings(): Settings | undefined {
  return useLiveQuery(() => loadSettings(db), [])
}
