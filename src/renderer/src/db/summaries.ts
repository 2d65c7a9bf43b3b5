/**
 * Every incident's summary (shared/domain/summary.ts) kept beside it, whoever writes: a Dexie
 * middleware adds the summaries table to every transaction that writes incidents, and writes or
 * deletes each summary in the same transaction as its incident. The list and Metrics then read a
 * few hundred bytes per incident instead of the whole record.
 */
import { summarize } from '@shared/domain/summary'
import type { Incident } from '@shared/domain/model'
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie'
import type { SteadyDb } from './database'

export const SUMMARIES = 'summaries'

/** Whether a transaction can write summaries (not an upgrade from before they existed). */
const holdsSummaries = (trans: DBCoreTransaction) =>
  (trans as unknown as IDBTransaction).objectStoreNames.contains(SUMMARIES)

export const summariesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'incident-summaries',
  create: (down) => {
    const exists = down.schema.tables.some((t) => t.name === SUMMARIES)
    return {
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(
          exists &&
            mode === 'readwrite' &&
            stores.includes('incidents') &&
            !stores.includes(SUMMARIES)
            ? [...stores, SUMMARIES]
            : stores,
          mode,
          options,
        ),
      table: (name) => {
        const table = down.table(name)
        if (name !== 'incidents' || !exists) return table
        const summaries = down.table(SUMMARIES)
        const follow = (req: DBCoreMutateRequest, failed: Record<number, Error>) => {
          const { trans } = req
          switch (req.type) {
            case 'add':
            case 'put': {
              const values = (req.values as Incident[]).filter((_, n) => !failed[n])
              return summaries.mutate({ type: 'put', trans, values: values.map(summarize) })
            }
            case 'delete':
              return summaries.mutate({ type: 'delete', trans, keys: req.keys })
            case 'deleteRange':
              return summaries.mutate({ type: 'deleteRange', trans, range: req.range })
          }
        }
        return {
          ...table,
          mutate: async (req) => {
            const result = await table.mutate(req)
            if (holdsSummaries(req.trans)) await follow(req, result.failures)
            return result
          },
        }
      },
    }
  },
}

/**
 * Writes the summary of every incident that has none, and removes summaries whose incident is gone
 * (a database filled from outside the app, such as the benchmark's; or one older than summaries
 * whose upgrade was cut short). Cheap when they agree: two counts. Returns how many it wrote.
 */
export async function repairSummaries(db: SteadyDb, slice = 500): Promise<number> {
  const [incidents, summaries] = await Promise.all([db.incidents.count(), db.summaries.count()])
  if (incidents === summaries) return 0
  let written = 0
  let last: string | undefined
  for (;;) {
    const done = await db.transaction('rw', db.incidents, db.summaries, async () => {
      const from =
        last === undefined ? db.incidents.toCollection() : db.incidents.where('id').above(last)
      const rows = await from.limit(slice).toArray()
      await db.summaries.bulkPut(rows.map(summarize))
      written += rows.length
      last = rows.at(-1)?.id
      return rows.length < slice
    })
    if (done) break
  }
  await db.transaction('rw', db.incidents, db.summaries, async () => {
    const kept = new Set(await db.incidents.toCollection().primaryKeys())
    const ids = await db.summaries.toCollection().primaryKeys()
    await db.summaries.bulkDelete(ids.filter((id) => !kept.has(id)))
  })
  return written
}
