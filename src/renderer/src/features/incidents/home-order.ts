/**
 * The incidents list's order: active first (most severe, then most recent), then resolved, then
 * closed, each most recent first; equal incidents keep the order they came in (their ids).
 */
import type { Incident } from '@shared/domain/model'
import type { IncidentSummary } from '@shared/domain/summary'
import { sortByKey } from '@shared/sort-by-key'
import { positionIn } from '../../db/summaries-reader'

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

/**
 * Every incident not in the trash, in the list's order, with the freshest copy of those in `fresh`
 * (the live first page: any new ones among them too). `all` is in key order, so each fresh one is
 * found by halving (at 100,000 incidents every pass over the list is more of the task that shows
 * it whole), and the trash sorts last, where it is cut off.
 */
export function homeList(
  all: IncidentSummary[] | undefined,
  fresh: IncidentSummary[] | undefined,
): IncidentSummary[] {
  const merged = all ? [...all] : (fresh ?? [])
  if (all)
    for (const incident of fresh ?? []) {
      const at = positionIn(merged, incident.id)
      if (merged[at]?.id === incident.id) merged[at] = incident
      else merged.splice(at, 0, incident)
    }
  const sorted = sortForHome(merged)
  while (sorted.at(-1)?.status === 'deleted') sorted.pop()
  return sorted
}
