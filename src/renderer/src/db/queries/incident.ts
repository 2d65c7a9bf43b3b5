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

/** Open and done-but-unverified items of every incident. */
export const outstandingActionItems = (db: SteadyDb): Promise<ActionItem[]> =>
  db.actionItems.where('status').anyOf('open', 'done').toArray()
