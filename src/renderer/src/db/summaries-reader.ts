/**
 * Rows of a table kept up to date by reading only what changed: every incident's summary (the list,
 * Metrics), the summaries of the incidents that can have a reminder, the outstanding action items.
 * At 100,000 incidents a whole read takes seconds; typing in one incident rewrites its summary every
 * autosave, a snooze rewrites one, and each screen would read all of them again each time. Dexie
 * reports which keys each write touched (in this tab, other tabs and workers alike); when they are
 * few, only those are read and put in place. A range (a clear, a restore) or a long burst (an
 * import) reads everything again.
 */
import type { IncidentSummary } from '@shared/domain/summary'
import Dexie, { type Table } from 'dexie'
import type { SteadyDb } from './database'

/** More changed incidents than this since the last read, and a whole read is simpler. */
const FEW = 2000

/**
 * Small enough that a write arriving during the read waits for one slice only (a readwrite
 * transaction queues behind the reads already running); a summary is a few hundred bytes.
 */
const SLICE = 1000

/** A node of the interval tree Dexie reports changed keys in. */
export interface KeyNode {
  from: unknown
  to: unknown
  l?: KeyNode | null
  r?: KeyNode | null
}

/** The keys in `tree` when each range is one key and there are at most `limit`; else null. */
export function singleKeys(tree: KeyNode | undefined, limit: number): string[] | null {
  const keys: string[] = []
  const walk = (node: KeyNode | null | undefined): boolean => {
    if (!node || node.from === undefined) return true
    if (node.from !== node.to || typeof node.from !== 'string') return false
    keys.push(node.from)
    return keys.length <= limit && walk(node.l) && walk(node.r)
  }
  return walk(tree) ? keys : null
}

/**
 * Summaries in key order, every one or those with `status` (through the `[status+id]` index),
 * `slice` at a time, each slice its own transaction: a write arriving meanwhile (a snooze, a
 * keystroke's autosave) waits for one slice, not for them all. Each slice is handed to `take`.
 * False if it stopped because it was no longer `wanted`.
 */
export async function eachSummarySlice(
  db: SteadyDb,
  take: (rows: IncidentSummary[]) => void,
  options: { status?: IncidentSummary['status']; slice?: number; wanted?: () => boolean } = {},
): Promise<boolean> {
  const { status, slice = SLICE, wanted = () => true } = options
  let after: string | undefined
  for (;;) {
    const from =
      status !== undefined
        ? db.summaries
            .where('[status+id]')
            .between([status, after ?? Dexie.minKey], [status, Dexie.maxKey], after === undefined)
        : after === undefined
          ? db.summaries.toCollection()
          : db.summaries.where(':id').above(after)
    const rows = await from.limit(slice).toArray()
    if (!wanted()) return false
    take(rows)
    after = rows.at(-1)?.id
    if (rows.length < slice) return true
  }
}

/**
 * The summaries of `wanted`, read as runs of neighbouring keys: `keys` (sorted) are every key that
 * can be among them, and a run is the wanted keys in a row, up to `slice` keys, reaching over up to
 * `gap` keys not wanted (read and left: cheaper than a request of their own). A period's incidents
 * at 100,000 are then a hundred requests rather than 100,000, and two are asked at once (the
 * storage reads the next while this thread unpacks the last). One by one, 100,000 summaries took
 * 6 seconds; a slice at a time, 3.
 */
export async function summariesOf(
  db: SteadyDb,
  wanted: readonly string[],
  keys: readonly string[],
  {
    slice = SLICE,
    inFlight = 2,
    gap = 16,
    each,
  }: {
    slice?: number
    inFlight?: number
    gap?: number
    /** Told of each summary found as it comes, while the storage reads the next ones. */
    each?: (summary: IncidentSummary) => void
  } = {},
): Promise<IncidentSummary[]> {
  const want = new Set(wanted)
  const runs: [string, string][] = []
  let start: string | undefined
  let last = ''
  let length = 0
  let unwanted = 0
  const end = () => {
    if (start !== undefined) runs.push([start, last])
    start = undefined
    length = 0
  }
  for (const key of keys) {
    if (!want.has(key)) {
      if (start !== undefined && ++unwanted > gap) end()
      else if (start !== undefined) length++
      continue
    }
    start ??= key
    last = key
    unwanted = 0
    if (++length >= slice) end()
  }
  end()
  const found: IncidentSummary[] = []
  let next = 0
  const lane = async () => {
    for (let run = runs[next++]; run; run = runs[next++]) {
      const rows = await db.summaries.where(':id').between(run[0], run[1], true, true).toArray()
      for (const row of rows)
        if (want.has(row.id)) {
          found.push(row)
          each?.(row)
        }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, lane))
  return found
}

/** Plain string order (a locale-aware compare costs tens of milliseconds over 100,000 ids). */
export const byId = (a: { id: string }, b: { id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Where `id` is, or would go, in `list` (summaries in key order, as a reader returns them). */
export function positionIn(list: readonly { id: string }[], id: string): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const mid = (low + high) >> 1
    if ((list[mid]?.id ?? '') < id) low = mid + 1
    else high = mid
  }
  return low
}

/** The row of `id` in `list` (in key order): found without a map of 100,000 entries. */
export function summaryIn<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  const found = list[positionIn(list, id)]
  return found?.id === id ? found : undefined
}

/** `a` and `b` (each in `compare` order) as one list in that order. */
function merge<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const out: T[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length)
    out.push(compare(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T))
  while (i < a.length) out.push(a[i++] as T)
  while (j < b.length) out.push(b[j++] as T)
  return out
}

/**
 * `list` (in id order) with the rows of `ids` (sorted) replaced by those of `fresh` (in id order;
 * an id missing from it is removed): each found by halving and the rest copied a run at a time (a
 * pass over 100,000 rows asking each whether it changed held the page for 80 ms).
 */
function patchedById<T extends { id: string }>(list: T[], ids: string[], fresh: T[]): T[] {
  const runs: T[][] = []
  let from = 0
  let next = 0
  for (const id of ids) {
    const at = Math.max(from, positionIn(list, id))
    runs.push(list.slice(from, at))
    from = list[at]?.id === id ? at + 1 : at
    if (fresh[next]?.id === id) runs.push([fresh[next++] as T])
  }
  runs.push(list.slice(from))
  return ([] as T[]).concat(...runs)
}

export interface FollowedReader<T> {
  /** Every row wanted, in order; undefined once no longer `wanted`. */
  read(wanted: () => boolean): Promise<T[] | undefined>
  /** Stops following the database's changes. */
  stop(): void
}

/**
 * The rows of `table` that `keep` accepts, as `shape` makes them (what a screen keeps of each), in
 * `compare` order (a total order: ties broken by id): read whole by `readAll` the first time (and
 * after a range or a burst of changes), then by reading again only the rows whose keys changed.
 * Rows that did not change are the same objects from one read to the next, so what is worked out
 * per row can be kept by identity.
 */
export function followedReader<T extends { id: string }, S extends { id: string } = T>(
  db: SteadyDb,
  options: {
    table: 'summaries' | 'actionItems'
    readAll: (wanted: () => boolean) => Promise<T[] | undefined>
    keep: (row: S) => boolean
    shape: (row: S) => T
    compare: (a: T, b: T) => number
  },
): FollowedReader<T> {
  const { table, readAll, keep, shape, compare } = options
  let last: T[] | undefined
  // What changed since `last` was read: some keys, or 'all' (start again).
  let changed: Set<string> | 'all' = 'all'
  const note = (keys: string[] | null) => {
    if (changed === 'all') return
    if (keys === null || changed.size + keys.length > FEW) changed = 'all'
    else for (const key of keys) changed.add(key)
  }
  const part = `idb://${db.name}/${table}/`
  const follow = (parts: Record<string, unknown>) => {
    if (part in parts) note(singleKeys(parts[part] as KeyNode, FEW))
  }
  Dexie.on.storagemutated.subscribe(follow)

  /** `list` with the rows of `ids` read again: replaced, added in order, or removed. */
  const patch = async (list: T[], ids: Set<string>) => {
    if (ids.size === 0) return list
    const fresh = (await (db.table(table) as Table<S, string>).bulkGet([...ids]))
      .filter((row): row is S => row !== undefined && keep(row))
      .map(shape)
      .sort(compare)
    if (compare === byId) return patchedById(list, [...ids].sort(), fresh)
    return merge(
      list.filter((row) => !ids.has(row.id)),
      fresh,
      compare,
    )
  }

  const readNow = async (wanted: () => boolean) => {
    const since = changed
    // Changes from now on are the next read's.
    changed = new Set()
    // Not finished (or failed): what it was to read is still to be read.
    const putBack = () => note(since === 'all' ? null : [...since])
    const list = await (
      last === undefined || since === 'all' ? readAll(wanted) : patch(last, since)
    ).catch((error: unknown) => {
      putBack()
      throw error
    })
    if (list === undefined) {
      putBack()
      return undefined
    }
    // Finished, if no longer wanted: kept for the next read all the same.
    last = list
    return wanted() ? list : undefined
  }

  // One read at a time: two screens asking at once would otherwise both take the same changes,
  // and the second could hand back the list from before them.
  let queue: Promise<unknown> = Promise.resolve()
  return {
    read(wanted) {
      const next = queue.then(() => readNow(wanted))
      queue = next.catch(() => undefined)
      return next
    },
    stop: () => Dexie.on.storagemutated.unsubscribe(follow),
  }
}

/** What `shape` keeps of every incident's summary, in key order (the list's rows, say). */
export function summariesReader<T extends { id: string }>(
  db: SteadyDb,
  shape: (summary: IncidentSummary) => T,
): FollowedReader<T> {
  return followedReader(db, {
    table: 'summaries',
    readAll: async (wanted) => {
      const kept: T[] = []
      const take = (rows: IncidentSummary[]) => {
        for (const row of rows) kept.push(shape(row))
      }
      return (await eachSummarySlice(db, take, { wanted })) ? kept : undefined
    },
    keep: () => true,
    shape,
    compare: byId,
  })
}
