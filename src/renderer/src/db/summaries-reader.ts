/**
 * Every incident's summary, kept up to date by reading only what changed. At 100,000 incidents a
 * whole read takes seconds; typing in one incident rewrites its summary every autosave, and the
 * list and Metrics would read all of them again each time. Dexie reports which keys each write
 * touched (in this tab, other tabs and workers alike); when they are few, only those are read and
 * put in place. A range (a clear, a restore) or a long burst (an import) reads everything again.
 */
import type { IncidentSummary } from '@shared/domain/summary'
import Dexie from 'dexie'
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

/** Where `id` is, or would go, in `list` (summaries in key order, as a reader returns them). */
function position(list: readonly IncidentSummary[], id: string): number {
  let low = 0
  let high = list.length
  while (low < high) {
    const mid = (low + high) >> 1
    if ((list[mid]?.id ?? '') < id) low = mid + 1
    else high = mid
  }
  return low
}

/** The summary of `id` in `list` (in key order): found without a map of 100,000 entries. */
export function summaryIn(
  list: readonly IncidentSummary[],
  id: string,
): IncidentSummary | undefined {
  const found = list[position(list, id)]
  return found?.id === id ? found : undefined
}

export interface SummariesReader {
  /** Every summary in key order; undefined once no longer `wanted`. */
  read(wanted: () => boolean): Promise<IncidentSummary[] | undefined>
  /** Stops following the database's changes. */
  stop(): void
}

export function summariesReader(db: SteadyDb): SummariesReader {
  let last: IncidentSummary[] | undefined
  // What changed since `last` was read: some keys, or 'all' (start again).
  let changed: Set<string> | 'all' = 'all'
  const part = `idb://${db.name}/summaries/`
  const follow = (parts: Record<string, unknown>) => {
    if (!(part in parts) || changed === 'all') return
    const keys = singleKeys(parts[part] as KeyNode, FEW)
    if (keys === null || changed.size + keys.length > FEW) changed = 'all'
    else for (const key of keys) changed.add(key)
  }
  Dexie.on.storagemutated.subscribe(follow)

  const readAll = async (wanted: () => boolean) => {
    const kept: IncidentSummary[] = []
    let after: string | undefined
    for (;;) {
      const from =
        after === undefined ? db.summaries.toCollection() : db.summaries.where('id').above(after)
      const rows = await from.limit(SLICE).toArray()
      if (!wanted()) return undefined
      kept.push(...rows)
      after = rows.at(-1)?.id
      if (rows.length < SLICE) return kept
    }
  }

  /** `list` with the summaries of `ids` read again: replaced, added in key order, or removed. */
  const patch = async (list: IncidentSummary[], ids: string[]) => {
    const fresh = await db.summaries.bulkGet(ids)
    const next = [...list]
    ids.forEach((id, n) => {
      const summary = fresh[n]
      const low = position(next, id)
      const here = next[low]?.id === id
      if (summary) next.splice(low, here ? 1 : 0, summary)
      else if (here) next.splice(low, 1)
    })
    return next
  }

  return {
    async read(wanted) {
      const since = changed
      // Changes from now on are the next read's.
      changed = new Set()
      const list =
        last === undefined || since === 'all'
          ? await readAll(wanted)
          : await patch(last, [...since])
      if (list === undefined) {
        // Not finished: what it was to read is still to be read.
        changed = 'all'
        return undefined
      }
      last = list
      return list
    },
    stop: () => Dexie.on.storagemutated.unsubscribe(follow),
  }
}
