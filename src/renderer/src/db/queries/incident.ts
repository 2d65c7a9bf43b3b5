/**
 * Reads of one incident's data, shared by live hooks, repositories and exports: each is written
 * once, so every screen and file sees the same order.
 */
import type { TimelineEvent } from '@shared/domain/events'
import type { ActionItem } from '@shared/domain/model'
import Dexie from 'dexie'
import type { SteadyDb } from '../database'

/** The incident's events in recording order (the timeline orders them by time). */
export const incidentEvents = (db: SteadyDb, incidentId: string): Promise<TimelineEvent[]> =>
  db.events
    .where('[incidentId+seq]')
    .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
    .toArray()

/** The last event recorded for the incident, or undefined. */
export const lastEvent = (db: SteadyDb, incidentId: string): Promise<TimelineEvent | undefined> =>
  db.events
    .where('[incidentId+seq]')
    .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
    .last()

/** The incident's action items, oldest first. */
export const incidentActionItems = (db: SteadyDb, incidentId: string): Promise<ActionItem[]> =>
  db.actionItems.where('incidentId').equals(incidentId).sortBy('createdAt')

/**
 * Open and done-but-unverified items of every incident. One read per status: each is a single
 * getAll, where anyOf walks a cursor one item at a time (1 s for 23,000 items).
 */
export const outstandingActionItems = async (db: SteadyDb): Promise<ActionItem[]> =>
  (
    await Promise.all(
      (['open', 'done'] as const).map((status) =>
        db.actionItems.where('status').equals(status).toArray(),
      ),
    )
  ).flat()
