/**
 * Every incident's summary (shared/domain/summary.ts) kept beside it, whoever writes: a Dexie
 * middleware adds the summaries table to every transaction that writes incidents, and writes or
 * deletes each summary in the same transaction as its incident. The list and Metrics then read a
 * few hundred bytes per incident instead of the whole record.
 */
import { digestItems } from '@shared/domain/action-items'
import { itemsByIncident } from '@shared/domain/reminders'
import { summarize, summarizeWith, withDigest, type IncidentSummary } from '@shared/domain/summary'
import type { ActionItem, Incident } from '@shared/domain/model'
import Dexie, {
  cmp,
  type DBCore,
  type DBCoreKeyRange,
  type DBCoreMutateRequest,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie'
import type { SteadyDb } from './database'

export const SUMMARIES = 'summaries'
const INCIDENTS = 'incidents'
const ITEMS = 'actionItems'
/** Each summary's revision: which summaries changed since a revision is one indexed read. */
export const REVS = 'summaryRevs'
/** The revisions' counter (under REV_COUNTER), and what is saved to open faster (Metrics). */
export const CACHES = 'caches'
export const REV_COUNTER = 'summary-revisions'

/**
 * The last revision given, and the one at which every summary was last cleared (a restore): what
 * was worked out from the summaries before that revision no longer holds.
 */
export interface RevCounter {
  key: typeof REV_COUNTER
  rev: number
  resetAt: number
}

/** Whether a transaction holds `store` (not an upgrade from before it existed). */
const holds = (trans: DBCoreTransaction, store: string) =>
  (trans as unknown as IDBTransaction).objectStoreNames.contains(store)
const holdsSummaries = (trans: DBCoreTransaction) => holds(trans, SUMMARIES)

/** The stores a write transaction needs beside `stores` to keep summaries with it. */
function storesFor(stores: string[], revised: boolean): string[] {
  const needed = new Set(stores)
  // An incident's new summary carries its items' digest; an item's change updates that digest.
  if (needed.has(INCIDENTS)) needed.add(ITEMS).add(SUMMARIES)
  if (needed.has(ITEMS)) needed.add(SUMMARIES)
  // A summary written is given a revision.
  if (revised && needed.has(SUMMARIES)) needed.add(REVS).add(CACHES)
  return needed.size === stores.length ? stores : [...needed]
}

// Key ranges by DBCoreRangeType, a const enum the build cannot import: 1 is Equal, 3 is Any.
/** A key range holding one key. */
const only = (key: string) => ({ type: 1, lower: key, upper: key }) as unknown as DBCoreKeyRange
/** The range of every key. */
const EVERY = { type: 3 } as unknown as DBCoreKeyRange

/** Whether `key` is in `range` (compared as IndexedDB compares keys). */
function inRange(range: DBCoreKeyRange, key: unknown): boolean {
  if ((range.type as number) === 3) return true
  const { lower, upper, lowerOpen, upperOpen } = range
  const low = lower === undefined ? 1 : cmp(key, lower)
  const high = upper === undefined ? -1 : cmp(key, upper)
  return (lowerOpen ? low > 0 : low >= 0) && (upperOpen ? high < 0 : high <= 0)
}

export const summariesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'incident-summaries',
  create: (down) => {
    const exists = down.schema.tables.some((t) => t.name === SUMMARIES)
    if (!exists) return down
    const revised = down.schema.tables.some((t) => t.name === REVS)
    const written = down.table(SUMMARIES)
    /** Gives the summaries `req` writes the next revision (a range: every summary starts again). */
    const revise = async (req: DBCoreMutateRequest) => {
      const { trans } = req
      if (!revised || !holds(trans, REVS)) return
      const revs = down.table(REVS)
      const caches = down.table(CACHES)
      const had = (await caches.get({ trans, key: REV_COUNTER })) as RevCounter | undefined
      const rev = (had?.rev ?? 0) + 1
      let resetAt = had?.resetAt ?? 0
      if (req.type === 'deleteRange') {
        resetAt = rev
        await revs.mutate({ type: 'deleteRange', trans, range: EVERY })
      } else {
        const ids =
          req.type === 'delete'
            ? (req.keys as string[])
            : (req.values as IncidentSummary[]).map((s) => s.id)
        await revs.mutate({ type: 'put', trans, values: ids.map((id) => ({ id, rev })) })
      }
      const counter: RevCounter = { key: REV_COUNTER, rev, resetAt }
      await caches.mutate({ type: 'put', trans, values: [counter] })
    }
    /** The summaries table, each write given its revision (whoever writes: here, or the app). */
    const summaries: DBCoreTable = {
      ...written,
      mutate: async (req) => {
        const result = await written.mutate(req)
        await revise(req)
        return result
      },
    }
    const items = down.table(ITEMS)
    // Every schema version has indexed action items by incident.
    const byIncident = items.schema.getIndexByKeyPath('incidentId')
    if (!byIncident) throw new Error('Action items have no incidentId index')
    const itemsOf = async (trans: DBCoreTransaction, incidentId: string) =>
      (
        await items.query({
          trans,
          values: true,
          query: { index: byIncident, range: only(incidentId) },
        })
      ).result as ActionItem[]

    // Incidents: each summary written beside its incident, with the digest it had (or, for an
    // incident new to the database, its items' digest).
    const followIncidents = async (req: DBCoreMutateRequest, failed: Record<number, Error>) => {
      const { trans } = req
      switch (req.type) {
        case 'add':
        case 'put': {
          const values = (req.values as Incident[]).filter((_, n) => !failed[n])
          const had = (await summaries.getMany({
            trans,
            keys: values.map((i) => i.id),
          })) as (IncidentSummary | undefined)[]
          const next = await Promise.all(
            values.map(async (incident, n) => {
              const old = had[n]
              return old
                ? withDigest(summarize(incident), old.items)
                : summarizeWith(incident, await itemsOf(trans, incident.id))
            }),
          )
          return summaries.mutate({ type: 'put', trans, values: next })
        }
        case 'delete':
          return summaries.mutate({ type: 'delete', trans, keys: req.keys })
        case 'deleteRange':
          return summaries.mutate({ type: 'deleteRange', trans, range: req.range })
      }
    }

    // Action items: the digest of each incident whose items changed, counted again.
    const itemsBefore = async (
      table: DBCoreTable,
      req: DBCoreMutateRequest,
    ): Promise<(Pick<ActionItem, 'incidentId'> | undefined)[]> => {
      const { trans } = req
      if (req.type === 'delete')
        return (await table.getMany({ trans, keys: req.keys })) as (ActionItem | undefined)[]
      if (req.type === 'deleteRange') {
        // Which incidents the items in the range belong to, from the incidentId index's keys: a
        // restore clears every item, and reading them whole would hold them all in memory.
        const touched: Pick<ActionItem, 'incidentId'>[] = []
        const cursor = await table.openCursor({
          trans,
          values: false,
          query: { index: byIncident, range: EVERY },
        })
        await cursor?.start(() => {
          if (inRange(req.range, cursor.primaryKey)) touched.push({ incidentId: cursor.key })
          cursor.continue()
        })
        return touched
      }
      return []
    }
    const refreshDigests = async (trans: DBCoreTransaction, incidentIds: Set<string>) => {
      const ids = [...incidentIds]
      if (ids.length === 0) return
      const had = (await summaries.getMany({ trans, keys: ids })) as (IncidentSummary | undefined)[]
      const next = await Promise.all(
        ids.map(async (id, n) => {
          const old = had[n]
          // An incident not written yet (an import writes items first) counts them when it is.
          return old && withDigest(old, digestItems(await itemsOf(trans, id)))
        }),
      )
      const values = next.filter((s): s is IncidentSummary => s !== undefined)
      if (values.length) await summaries.mutate({ type: 'put', trans, values })
    }

    return {
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(mode === 'readwrite' ? storesFor(stores, revised) : stores, mode, options),
      table: (name) => {
        if (name === SUMMARIES) return summaries
        const table = down.table(name)
        if (name === INCIDENTS)
          return {
            ...table,
            mutate: async (req) => {
              const result = await table.mutate(req)
              if (holdsSummaries(req.trans)) await followIncidents(req, result.failures)
              return result
            },
          }
        if (name === ITEMS)
          return {
            ...table,
            mutate: (req) => {
              if (!holdsSummaries(req.trans)) return table.mutate(req)
              // Dexie's promise keeps the transaction's zone across the read before the write
              // (a native await loses it, and the write below then finds no transaction).
              return Dexie.Promise.resolve(itemsBefore(table, req)).then(async (before) => {
                const result = await table.mutate(req)
                const touched = new Set<string>()
                for (const item of before) if (item) touched.add(item.incidentId)
                if (req.type === 'add' || req.type === 'put')
                  for (const item of req.values as ActionItem[]) touched.add(item.incidentId)
                await refreshDigests(req.trans, touched)
                return result
              })
            },
          }
        return table
      },
    }
  },
}

/** Keys compared at once while looking for summaries missing: each read holds the storage briefly. */
const WALK = 5000

/**
 * In caches: when the summaries were last found in step with the incidents, so later starts need
 * not look (at 100,000 incidents looking holds the storage for most of a second, and every read
 * meanwhile waits: Metrics opened right after start took 1.1 s instead of 0.4). A history written
 * from outside the app (the benchmark's, the tests') puts a mark of its own here, `written`, and
 * the next start looks again.
 */
export const SUMMARIES_CHECKED = 'summaries-checked'
export interface SummariesChecked {
  key: typeof SUMMARIES_CHECKED
  at?: number
  written?: number
}

/** Looked at again this long after the last look all the same. */
const CHECK_AGAIN_MS = 30 * 24 * 60 * 60 * 1000

/**
 * Writes the summary of every incident that has none, and removes summaries whose incident is gone
 * (a database filled from outside the app, such as the benchmark's; or one older than summaries
 * whose upgrade was cut short), unless they were found in step lately and nothing was written from
 * outside since (SUMMARIES_CHECKED). Both tables' keys are compared `walk` at a time, each in a
 * read of its own, so other reads wait for one at most. Only the missing summaries are written,
 * `slice` at a time (rewriting every one took 100 s at 100,000 incidents, and a repair cut short
 * by closing the app began again from the first at the next start). Returns how many it wrote.
 */
export async function repairSummaries(
  db: SteadyDb,
  { slice = 500, walk = WALK, now = Date.now() } = {},
): Promise<number> {
  const mark = (await db.caches.get(SUMMARIES_CHECKED)) as SummariesChecked | undefined
  if (mark?.at !== undefined && now - mark.at < CHECK_AGAIN_MS) return 0
  const missing: string[] = []
  const orphans: string[] = []
  // The incidents' keys after `after`, `walk` of them, and the summaries' keys up to the last.
  let after: string | undefined
  for (let more = true; more;) {
    const [ids, summarized] = await db.transaction('r', db.incidents, db.summaries, async () => {
      const keys = (table: 'incidents' | 'summaries', upTo: string | undefined) =>
        db
          .table(table)
          .where(':id')
          .between(after ?? Dexie.minKey, upTo ?? Dexie.maxKey, after === undefined, true)
      const ids = (await keys('incidents', undefined).limit(walk).primaryKeys()) as string[]
      // The last walk reads the summaries' keys to the end: those after every incident are orphans.
      const upTo = ids.length < walk ? undefined : ids.at(-1)
      return [ids, (await keys('summaries', upTo).primaryKeys()) as string[]] as const
    })
    const has = new Set(summarized)
    const kept = new Set(ids)
    for (const id of ids) if (!has.has(id)) missing.push(id)
    for (const id of summarized) if (!kept.has(id)) orphans.push(id)
    more = ids.length === walk
    after = ids.at(-1) ?? after
  }
  let written = 0
  for (let from = 0; from < missing.length; from += slice) {
    const wanted = missing.slice(from, from + slice)
    written += await db.transaction('rw', db.incidents, db.actionItems, db.summaries, async () => {
      // Read in the transaction that writes: one changed or deleted meanwhile is summarized as it is.
      const rows = (await db.incidents.bulkGet(wanted)).filter((i) => i !== undefined)
      const items = itemsByIncident(
        await db.actionItems
          .where('incidentId')
          .anyOf(rows.map((i) => i.id))
          .toArray(),
      )
      await db.summaries.bulkPut(rows.map((i) => summarizeWith(i, items.get(i.id) ?? [])))
      return rows.length
    })
  }
  if (orphans.length)
    await db.transaction('rw', db.incidents, db.summaries, async () => {
      const still = await db.incidents.bulkGet(orphans)
      await db.summaries.bulkDelete(orphans.filter((_, n) => still[n] === undefined))
    })
  // In step now, unless a history was written from outside meanwhile (its mark is not the one read).
  await db.transaction('rw', db.caches, async () => {
    const current = (await db.caches.get(SUMMARIES_CHECKED)) as SummariesChecked | undefined
    const checked: SummariesChecked = { key: SUMMARIES_CHECKED, at: now }
    if (current?.written === mark?.written) await db.caches.put(checked)
  })
  return written
}
