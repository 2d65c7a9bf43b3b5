/**
 * Reads of one incident's data, shared by live hooks, repositories and exports: each is written
 * once, so every screen and file sees the same order.
 */
import type { TimelineEvent } from '@shared/domain/events'
import type { ActionItem } from '@shared/domain/model'
import type { IncidentSummary } from '@shared/domain/summary'
import Dexie from 'dexie'
import type { SteadyDb } from '../database'
import { byId, eachSummarySlice, followedReader, type FollowedReader } from '../summaries-reader'

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

const OUTSTANDING = ['open', 'done'] as const

/** Soonest due first; items without a due date last; ties by id (one order, however read). */
const byDue = (a: ActionItem, b: ActionItem): number =>
  (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || byId(a, b)

/** Items read at once: at 20,000 outstanding items, one read held the page for 120 ms. */
const ITEM_SLICE = 2000

/**
 * Open and done-but-unverified items of every incident, soonest due first, read through the
 * `[status+dueAt]` index a slice at a time (each a single getAll: a cursor walks one item at a
 * time, 1 s for 23,000 items). Items without a due date are not in that index: they are looked
 * for only when the counts say some exist.
 */
export async function outstandingActionItems(
  db: SteadyDb,
  slice = ITEM_SLICE,
): Promise<ActionItem[]> {
  const due = db.actionItems.where('[status+dueAt]')
  const all: ActionItem[] = []
  for (const status of OUTSTANDING) {
    let after: number | undefined
    for (;;) {
      const rows = await due
        .between([status, after ?? Dexie.minKey], [status, Dexie.maxKey], after === undefined)
        .limit(slice)
        .toArray()
      if (rows.length < slice) {
        all.push(...rows)
        break
      }
      // The slice may end inside a run of items due at the same moment: that run is read whole,
      // and the next slice starts after it.
      const last = rows.at(-1)?.dueAt as number
      all.push(...rows.filter((item) => item.dueAt !== last))
      all.push(...(await due.equals([status, last]).toArray()))
      after = last
    }
  }
  const counts = await Promise.all(
    OUTSTANDING.map((status) => db.actionItems.where('status').equals(status).count()),
  )
  if (counts.reduce((a, b) => a + b) > all.length)
    for (const status of OUTSTANDING)
      all.push(
        ...(await db.actionItems
          .where('status')
          .equals(status)
          .filter((item) => item.dueAt === null)
          .toArray()),
      )
  return all.sort(byDue)
}

/**
 * The outstanding items, read whole once, then only the items that changed: after a snooze or an
 * edited item, the reminder center and the action items page read one item, not 23,000.
 */
export const outstandingReader = (db: SteadyDb): FollowedReader<ActionItem> =>
  followedReader(db, {
    table: 'actionItems',
    readAll: (wanted) => outstandingActionItems(db).then((items) => (wanted() ? items : undefined)),
    keep: (item) => item.status !== 'verified',
    shape: (item) => item,
    compare: byDue,
  })

/** The first `limit` outstanding items by due date: a page to show while all are read. */
export async function soonestOutstanding(db: SteadyDb, limit: number): Promise<ActionItem[]> {
  const dated = await Promise.all(
    OUTSTANDING.map((status) =>
      db.actionItems
        .where('[status+dueAt]')
        .between([status, Dexie.minKey], [status, Dexie.maxKey])
        .limit(limit)
        .toArray(),
    ),
  )
  return dated.flat().sort(byDue).slice(0, limit)
}

/** Summaries read at once: 10,000 in one read held the page for 120 ms. */
const SUMMARY_SLICE = 2000

/** The summaries of every incident with `status`, a slice at a time (see eachSummarySlice). */
export async function summariesWithStatus(
  db: SteadyDb,
  status: IncidentSummary['status'],
  slice = SUMMARY_SLICE,
): Promise<IncidentSummary[]> {
  const all: IncidentSummary[] = []
  await eachSummarySlice(db, (rows) => all.push(...rows), { status, slice })
  return all
}

/** Active first, then resolved, each by id: the order of the `[status+id]` index. */
const byStatusThenId = (a: IncidentSummary, b: IncidentSummary): number =>
  a.status < b.status ? -1 : a.status > b.status ? 1 : byId(a, b)

/**
 * The summaries of the incidents that can still have a reminder (active and resolved; closed and
 * deleted, most of a long history, have none), read whole once, then only those that changed.
 */
export const openSummariesReader = (db: SteadyDb): FollowedReader<IncidentSummary> =>
  followedReader(db, {
    table: 'summaries',
    readAll: async (wanted) => {
      const active = await summariesWithStatus(db, 'active')
      if (!wanted()) return undefined
      const resolved = await summariesWithStatus(db, 'resolved')
      return wanted() ? [...active, ...resolved] : undefined
    },
    keep: (summary) => summary.status === 'active' || summary.status === 'resolved',
    shape: (summary) => summary,
    compare: byStatusThenId,
  })
