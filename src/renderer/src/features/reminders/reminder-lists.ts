import type { Reminder } from '@shared/domain/reminders'

/** What the reminder center lists: what is due (and by incident), what was missed, what comes. */
export interface ReminderLists {
  due: readonly Reminder[]
  /** The due reminders by incident, the incident whose earliest is soonest first. */
  groups: readonly (readonly [string, readonly Reminder[]])[]
  missed: readonly Reminder[]
  upcoming: readonly Reminder[]
}

/** A reminder at its time: snoozed, it comes back at another time, as another key. */
export const keyOf = (r: Reminder) => `${r.id}@${r.at}`

/** Reminders snoozed or dismissed here and saved, by incident, until they are read again. */
export type Settled = ReadonlyMap<string, ReadonlySet<string>>

/** How many of `reminders` (soonest first) are at or before `now`. */
function pastCount(reminders: readonly Reminder[], now: number): number {
  let low = 0
  let high = reminders.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((reminders[mid] as Reminder).at <= now) low = mid + 1
    else high = mid
  }
  return low
}

function groupByIncident(reminders: readonly Reminder[]): [string, Reminder[]][] {
  const groups = new Map<string, Reminder[]>()
  for (const r of reminders) {
    const group = groups.get(r.incidentId)
    if (group) group.push(r)
    else groups.set(r.incidentId, [r])
  }
  return [...groups].sort(([, a], [, b]) => (a[0]?.at ?? 0) - (b[0]?.at ?? 0))
}

/** A split, and where each of its incidents' groups is. */
interface Split {
  past: number
  lists: ReminderLists
  groupAt: Map<string, number>
}

/** The lists of each computed set of reminders, as of the last time asked. */
const splits = new WeakMap<readonly Reminder[], Split>()

/**
 * `reminders` (soonest first, as computed) as the center lists them at `now`. At 100,000
 * incidents they are 75,000: splitting them took 25–30 ms at each render, so a split is kept
 * until the reminders are computed again; when more come due, only those move from what comes
 * to what is due.
 */
export function reminderLists(reminders: readonly Reminder[], now: number): ReminderLists {
  const past = pastCount(reminders, now)
  const kept = splits.get(reminders)
  if (kept?.past === past) return kept.lists
  const split = kept && kept.past < past ? cameDue(kept, reminders, past) : splitAt(reminders, past)
  splits.set(reminders, split)
  return split.lists
}

const counts = new WeakMap<readonly Reminder[], { past: number; count: number }>()

/**
 * How many of `reminders` are due at `now` (the sidebar's badge, at every render of the app):
 * counted, not listed (a split is 30 ms at 100,000 incidents, a count a fraction of one).
 */
export function dueCount(reminders: readonly Reminder[], now: number): number {
  const past = pastCount(reminders, now)
  const kept = counts.get(reminders)
  if (kept?.past === past) return kept.count
  let count = 0
  for (let at = 0; at < past; at++) if (!(reminders[at] as Reminder).missed) count++
  counts.set(reminders, { past, count })
  return count
}

function splitAt(reminders: readonly Reminder[], past: number): Split {
  const due: Reminder[] = []
  const missed: Reminder[] = []
  const upcoming: Reminder[] = []
  reminders.forEach((r, at) => (r.missed ? missed : at < past ? due : upcoming).push(r))
  const groups = groupByIncident(due)
  const groupAt = new Map(groups.map(([id], at) => [id, at]))
  return { past, lists: { due, groups, missed, upcoming }, groupAt }
}

/**
 * `kept` with the reminders before `past` that came due since. Each is later than everything
 * due before, so it ends its incident's group, or starts a group after every other.
 */
function cameDue(kept: Split, reminders: readonly Reminder[], past: number): Split {
  const came = reminders.slice(kept.past, past).filter((r) => !r.missed)
  const groups = kept.lists.groups.slice()
  for (const r of came) {
    const at = kept.groupAt.get(r.incidentId)
    if (at === undefined) kept.groupAt.set(r.incidentId, groups.push([r.incidentId, [r]]) - 1)
    else groups[at] = [r.incidentId, [...(groups[at]?.[1] ?? []), r]]
  }
  const lists = {
    due: kept.lists.due.concat(came),
    groups,
    missed: kept.lists.missed,
    upcoming: kept.lists.upcoming.slice(came.length),
  }
  return { past, lists, groupAt: kept.groupAt }
}

/** `lists` without what was settled here; the first `upcomingShown` of what comes. */
export function withoutSettled(
  lists: ReminderLists,
  settled: Settled,
  upcomingShown: number,
): ReminderLists {
  if (!settled.size) return { ...lists, upcoming: lists.upcoming.slice(0, upcomingShown) }
  const stays = (r: Reminder) => !settled.get(r.incidentId)?.has(keyOf(r))
  const groups = lists.groups.flatMap(([id, list]) => {
    if (!settled.has(id)) return [[id, list] as const]
    const left = list.filter(stays)
    return left.length ? [[id, left] as const] : []
  })
  const upcoming: Reminder[] = []
  for (const r of lists.upcoming) {
    if (upcoming.length === upcomingShown) break
    if (stays(r)) upcoming.push(r)
  }
  return {
    due: groups.flatMap(([, list]) => list),
    groups,
    missed: lists.missed.filter(stays),
    upcoming,
  }
}
