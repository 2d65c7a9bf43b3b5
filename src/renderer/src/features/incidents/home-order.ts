/**
 * The incidents list's order: active first (most severe, then most recent), then resolved, then
 * closed, each most recent first; equal incidents keep the order they came in (their ids).
 */
import type { Incident } from '@shared/domain/model'
import type { ListRow } from '@shared/domain/summary'
import { sortByKey } from '@shared/sort-by-key'
import { patchSorted } from '@shared/sorted-patch'
import { positionIn, summaryIn } from '../../db/summaries-reader'

type Ordered = Pick<Incident, 'status' | 'severity' | 'updatedAt'>

const SEVERITY_RANK = { SEV1: 0, SEV2: 1, SEV3: 2, SEV4: 3 } as const
const STATUS_RANK = { active: 0, resolved: 5, closed: 6, deleted: 7 } as const

/** Eight places: active by severity (none last), then resolved, closed, deleted. Three bits. */
const rank = (i: Ordered): number =>
  i.status === 'active' ? (i.severity ? SEVERITY_RANK[i.severity] : 4) : STATUS_RANK[i.status]

/** Milliseconds up to 2109 (42 bits): later (or earlier than 1970) counts as that bound. */
const SPAN = 2 ** 42

/**
 * Where an incident goes, as one number (smaller first): its rank, then how long before the end of
 * SPAN it changed. 45 bits (see sortByKey).
 */
const keyOf = (i: Ordered): number =>
  rank(i) * SPAN + (SPAN - 1 - Math.min(SPAN - 1, Math.max(0, i.updatedAt)))

/**
 * The incidents in the list's order (sorted by packed keys: at 100,000 incidents, comparing them
 * pair by pair took 150–250 ms of one task on the page).
 */
export const sortForHome = <T extends Ordered>(incidents: readonly T[], packedUpTo?: number): T[] =>
  sortByKey(incidents, keyOf, packedUpTo)

/** The list's order as a comparison: its key, then its id (the order `all` comes in). */
const compare = (a: ListRow, b: ListRow): number =>
  keyOf(a) - keyOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** More changes than this since the list was last sorted: it is sorted whole again. */
const PATCHED_UP_TO = 2000

/** The last whole list and its order: the next one is patched from it. */
let last: { all: readonly ListRow[]; sorted: ListRow[] } | undefined

/**
 * `all` (in key order) in the list's order: patched from the last list sorted when a few summaries
 * changed (at 100,000 incidents a sort is 60-90 ms of one task, each time one incident changed).
 */
function sortedWhole(all: readonly ListRow[]): ListRow[] {
  if (last?.all === all) return last.sorted
  let sorted: ListRow[] | undefined
  if (last) {
    // What changed: both lists are in key order, and a summary that did not change is the same
    // object in both.
    const before = last.all
    const gone: ListRow[] = []
    const added: ListRow[] = []
    let i = 0
    let j = 0
    while ((i < before.length || j < all.length) && gone.length + added.length <= PATCHED_UP_TO) {
      const a = before[i]
      const b = all[j]
      if (a === b) {
        i++
        j++
      } else if (a && b && a.id === b.id) {
        gone.push(a)
        added.push(b)
        i++
        j++
      } else if (a && (!b || a.id < b.id)) {
        gone.push(a)
        i++
      } else {
        added.push(b as ListRow)
        j++
      }
    }
    if (gone.length + added.length <= PATCHED_UP_TO)
      sorted = patchSorted(last.sorted, gone, added, compare)
  }
  sorted ??= sortForHome(all)
  last = { all, sorted }
  return sorted
}

/** `all` (in key order) with the copies in `fresh` instead, and the new ones among them added. */
function withFresh(all: readonly ListRow[], fresh: readonly ListRow[]) {
  const merged = [...all]
  for (const incident of fresh) {
    const at = positionIn(merged, incident.id)
    if (merged[at]?.id === incident.id) merged[at] = incident
    else merged.splice(at, 0, incident)
  }
  return merged
}

/**
 * Every incident not in the trash, in the list's order, with the freshest copy of those in `fresh`
 * (the live first page: any new ones among them too). `all` is in key order, so each fresh one is
 * found by halving, and the trash sorts last, where it is cut off.
 */
export function homeList(all: ListRow[] | undefined, fresh: ListRow[] | undefined): ListRow[] {
  let sorted: ListRow[]
  if (!all) sorted = sortForHome(fresh ?? [])
  else {
    const whole = sortedWhole(all)
    const gone: ListRow[] = []
    const added: ListRow[] = []
    for (const incident of fresh ?? []) {
      const had = summaryIn(all, incident.id)
      if (had === incident) continue
      if (had) gone.push(had)
      added.push(incident)
    }
    sorted =
      (gone.length || added.length ? patchSorted(whole, gone, added, compare) : whole) ??
      sortForHome(withFresh(all, fresh ?? []))
  }
  let end = sorted.length
  while (end > 0 && sorted[end - 1]?.status === 'deleted') end--
  return end === sorted.length ? sorted : sorted.slice(0, end)
}

/**
 * The row `homeList(all, fresh)` shows for an incident, by its id (none in the trash): the live
 * first page's copy, else the whole list's, found by halving (`all` is in key order). A search's
 * matches are looked up here: a map of 100,000 ids took 40-75 ms of the render at the first
 * letter typed, and again after any incident changed.
 */
export function homeRowOf(
  all: readonly ListRow[] | undefined,
  fresh: readonly ListRow[] | undefined,
): (id: string) => ListRow | undefined {
  const recent = new Map(fresh?.map((row) => [row.id, row]))
  return (id) => {
    const row = recent.get(id) ?? (all && summaryIn(all, id))
    return row?.status === 'deleted' ? undefined : row
  }
}
