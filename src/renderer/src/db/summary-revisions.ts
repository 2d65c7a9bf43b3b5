/**
 * What changed among the summaries since a revision (summaries.ts gives each summary written the
 * next revision): what is worked out from every summary (Metrics' table) is read whole once and
 * then only patched, even after the app was closed, without following every write meanwhile.
 */
import type { IncidentSummary } from '@shared/domain/summary'
import type { SteadyDb } from './database'
import { REV_COUNTER, type RevCounter } from './summaries'

const NONE: RevCounter = { key: REV_COUNTER, rev: 0, resetAt: 0 }

/** The revision counter as it stands. */
export async function revisions(db: SteadyDb): Promise<RevCounter> {
  return ((await db.caches.get(REV_COUNTER)) as RevCounter | undefined) ?? NONE
}

/** The summaries written (`fresh`) or deleted (in `ids` only) since a revision, as of `rev`. */
export interface SummaryChanges {
  rev: number
  ids: string[]
  fresh: IncidentSummary[]
}

/**
 * What changed since revision `since`, read in one transaction; null when more than `limit`
 * summaries changed, or every summary was cleared since (then read them all again).
 */
export function changedSince(
  db: SteadyDb,
  since: number,
  limit: number,
): Promise<SummaryChanges | null> {
  return db.transaction('r', db.caches, db.summaryRevs, db.summaries, async () => {
    const counter = await revisions(db)
    if (counter.resetAt > since) return null
    if (counter.rev === since) return { rev: since, ids: [], fresh: [] }
    const ids = (await db.summaryRevs
      .where('rev')
      .above(since)
      .limit(limit + 1)
      .primaryKeys()) as string[]
    if (ids.length > limit) return null
    const fresh = (await db.summaries.bulkGet(ids)).filter(
      (summary): summary is IncidentSummary => summary !== undefined,
    )
    return { rev: counter.rev, ids, fresh }
  })
}
