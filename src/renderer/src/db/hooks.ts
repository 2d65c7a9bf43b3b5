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

/** Every incident, in storage order: the list sorts them itself. */
export function useAllIncidents(): Incident[] | undefined {
  return useLiveQuery(() => db.incidents.toArray(), [])
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
