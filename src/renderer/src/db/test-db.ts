/** A fresh database per test, on fake-indexeddb, with a controllable clock. For tests only. */
import type { BenchDataset } from '../../../../bench/generate.mjs'
import { ActionItemsRepo } from './action-items-repo'
import { SteadyDb, type PostmortemRow } from './database'
import { EventStore } from './event-store'
import {
  allRows,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type CheckedExport,
  parseExport,
  type ParseResult,
} from './export-check'
import { IncidentsRepo } from './incidents-repo'
import { PostmortemsRepo } from './postmortems-repo'
import type { SteadyExport } from './transfer'

let counter = 0

/** `idPrefix`: two test databases standing for two machines must not make the same ids. */
export function testDb(start = Date.UTC(2026, 10, 26, 14, 0), idPrefix = 'id') {
  const db = new SteadyDb(`steady-test-${++counter}-${Math.random().toString(36).slice(2)}`)
  const clock = { now: start, advance: (ms: number) => (clock.now += ms) }
  let ids = 0
  const deps = { db, now: () => clock.now, newId: () => `${idPrefix}-${++ids}` }
  // One event store for all, as in the app: whoever listens to its writes hears them all.
  const store = new EventStore(deps)
  return {
    db,
    clock,
    store,
    incidents: new IncidentsRepo(store),
    actionItems: new ActionItemsRepo(store),
    postmortems: new PostmortemsRepo(store),
  }
}

/** Writes a generated history (bench/generate.mjs) straight into the tables, in one transaction. */
export async function putHistory(db: SteadyDb, data: BenchDataset): Promise<void> {
  await db.transaction(
    'rw',
    [db.incidents, db.events, db.actionItems, db.postmortems],
    async () => {
      await db.incidents.bulkPut(data.incidents)
      await db.events.bulkPut(data.events)
      await db.actionItems.bulkPut(data.actionItems)
      await db.postmortems.bulkPut(data.postmortems)
    },
  )
}

/**
 * Counts the records each table hands out (queries and cursors), through a Dexie middleware: a
 * test can then say a screen or engine reads a bounded number of them, whatever the history.
 * Dexie builds its middleware stack when the database opens, so it must be called before.
 */
export function countReads(db: SteadyDb): Record<string, number> {
  // Too late, it would count nothing, and every bound a test asserts would hold.
  if (db.isOpen()) throw new Error('countReads must be called before the database opens')
  const reads: Record<string, number> = {}
  const add = (table: string, n: number) => (reads[table] = (reads[table] ?? 0) + n)
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        return {
          ...table,
          // Records fetched one by one, by key, also count under `table:by key` (each is a
          // request of its own to the storage, where a query is one for many).
          get: async (req) => {
            const row = await table.get(req)
            if (row !== undefined) add(name, 1)
            add(`${name}:by key`, 1)
            return row
          },
          getMany: async (req) => {
            const rows = await table.getMany(req)
            add(name, rows.filter((r) => r !== undefined).length)
            add(`${name}:by key`, req.keys.length)
            return rows
          },
          // Keys read from an index are not records: they count under `table:keys`.
          // The most records one query handed out counts under `table:at once`.
          query: async (req) => {
            const result = await table.query(req)
            add(req.values ? name : `${name}:keys`, result.result.length)
            if (req.values)
              reads[`${name}:at once`] = Math.max(
                reads[`${name}:at once`] ?? 0,
                result.result.length,
              )
            return result
          },
          openCursor: async (req) => {
            const cursor = await table.openCursor(req)
            if (!cursor) return cursor
            return Object.create(cursor, {
              start: {
                value: (onNext: () => void) =>
                  cursor.start(() => {
                    add(req.values ? name : `${name}:keys`, 1)
                    onNext()
                  }),
              },
            })
          },
        }
      },
    }),
  })
  return reads
}

/** A checked file's rows read back, as the export it came from (rows kept in Blobs compare equal). */
export async function asExport(data: CheckedExport): Promise<SteadyExport> {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    schemaVersion: data.schemaVersion,
    exportedAt: data.exportedAt,
    incidents: await allRows(data, 'incidents'),
    events: (await allRows(data, 'events')) as SteadyExport['events'],
    actionItems: await allRows(data, 'actionItems'),
    postmortems: (await allRows(data, 'postmortems')) as PostmortemRow[],
    settings: data.settings,
  }
}

/** A whole file's check, with its rows read back (see asExport). */
export async function readBack(result: ParseResult) {
  return result.ok ? { ok: true as const, data: await asExport(result.data) } : result
}

/** An export as an import writes it: checked, as its file would be. */
export function asChecked(data: SteadyExport): CheckedExport {
  const parsed = parseExport(JSON.stringify(data))
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.data
}
