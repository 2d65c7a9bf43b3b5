/**
 * How the response went, over one incident or many: pure functions of the stored records (an
 * incident is a projection of its events, so these hold for incidents back-filled years later).
 * Durations are shown as distributions (median, p90, range, every incident), never as means: one
 * twelve-hour outage says more than an average that hides it.
 */
import { TZDate } from '@date-fns/tz'
import { addMonths, addWeeks, format, startOfISOWeek, startOfMonth } from 'date-fns'
import { twoWeeksPassed } from './action-items'
import {
  KINDS,
  countIn,
  eachOf,
  SEVERITY_GROUPS,
  factorNames,
  dueOf,
  dueOrder,
  firstRowFrom,
  openItemsOf,
  buildTable,
  patchOf,
  rowFacts,
  tokenOf,
  rowsOfItems,
  serviceNames,
  type DurationColumn,
  type Lists,
  type MetricsTable,
  type Names,
  type OpenItems,
  type RowFacts,
  type TablePatch,
} from './metrics-table'
import {
  incidentTitle,
  type ActionItem,
  type Incident,
  type IncidentKind,
  type Severity,
  type Settings,
} from './model'
import { postmortemNeed } from './postmortem-policy'
import type { IncidentSummary } from './summary'
import { HOUR } from './time'
import { plural } from './vocabulary'
import { mapped } from '../mapped'

export { SEVERITY_GROUPS, responseDurations } from './metrics-table'

/** Which incidents a review looks at: started within [from, to), of the kinds chosen. */
export interface MetricsScope {
  from: number
  to: number
  /** Drills and near misses stay out unless asked for: they are practice, not outages. */
  kinds: readonly IncidentKind[]
  severity?: Severity | null
  service?: string | null
}

export const kindOf = (incident: Pick<Incident, 'kind'>): IncidentKind =>
  incident.kind ?? 'incident'

export interface Distribution {
  count: number
  median: number
  p90: number
  min: number
  max: number
  /** Every value, smallest first: each incident is a dot. */
  values: Float64Array
}

/** The q-quantile of sorted values, interpolated between ranks (as spreadsheets and d3 do). */
function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q
  const below = Math.floor(at)
  const lower = sorted[below] ?? 0
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower
  return lower + (upper - lower) * (at - below)
}

export function distribution(values: readonly number[]): Distribution | null {
  // A typed array sorts numbers as numbers, natively.
  return sortedDistribution(Float64Array.from(values).sort())
}

/** The distribution of values already sorted, smallest first. */
function sortedDistribution(sorted: Float64Array): Distribution | null {
  if (sorted.length === 0) return null
  return {
    count: sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
    values: sorted,
  }
}

/** Groups with more incidents first, then by name. */
const byCountThenName = (
  a: { group: string; distribution: Distribution },
  b: { group: string; distribution: Distribution },
) => b.distribution.count - a.distribution.count || a.group.localeCompare(b.group, 'en')

/** A tally's most frequent first, then by name. */
const mostFirst = (a: { name: string; count: number }, b: { name: string; count: number }) =>
  b.count - a.count || a.name.localeCompare(b.name, 'en')

/** Below this many incidents a number is an anecdote, and the screen says so. */
export const FEW = 5

export const DURATIONS = {
  detect: 'Time to detect',
  mitigate: 'Time to mitigate',
  resolve: 'Time to resolve',
} as const
export type DurationKey = keyof typeof DURATIONS

export interface DurationBreakdown {
  all: Distribution | null
  bySeverity: { group: Severity | 'Unclassified'; distribution: Distribution }[]
  byService: { group: string; distribution: Distribution }[]
}

/**
 * Each duration as a distribution, overall, by severity and by service, of the rows kept: the
 * table has each duration's rows smallest first, so each group, counted first and then filled in
 * that order into a typed array of its size, comes out sorted (no sort per group).
 */
function durationBreakdowns(
  table: MetricsTable,
  isKept: Uint8Array,
): Record<DurationKey, DurationBreakdown> {
  const { severity } = table
  // Each row's services, read in place (a function per row made 100,000 functions a duration).
  const { from, to, values: serviceOf } = table.services
  const breakdown = ({ values, order }: DurationColumn): DurationBreakdown => {
    const severities = new Uint32Array(SEVERITY_GROUPS.length)
    const byService = new Uint32Array(serviceNames.names.length)
    let count = 0
    for (let n = 0; n < order.length; n++) {
      const row = order[n] as number
      if (!isKept[row]) continue
      count++
      countIn(severities, severity[row] as number)
      for (let at = from[row] as number; at < (to[row] as number); at++)
        countIn(byService, serviceOf[at] as number)
    }
    const all = new Float64Array(count)
    const group = (counts: Uint32Array) => Array.from(counts, (n) => new Float64Array(n))
    const bySeverity = group(severities)
    const perService = group(byService)
    // How many of each group are placed so far: where its next value goes.
    severities.fill(0)
    byService.fill(0)
    const place = (lists: Float64Array[], placed: Uint32Array, at: number, value: number) => {
      ;(lists[at] as Float64Array)[placed[at] as number] = value
      countIn(placed, at)
    }
    count = 0
    for (let n = 0; n < order.length; n++) {
      const row = order[n] as number
      if (!isKept[row]) continue
      const value = values[row] as number
      all[count++] = value
      place(bySeverity, severities, severity[row] as number, value)
      for (let at = from[row] as number; at < (to[row] as number); at++)
        place(perService, byService, serviceOf[at] as number, value)
    }
    const distributions = <G>(names: readonly G[], lists: Float64Array[]) =>
      lists.flatMap((list, number) => {
        const distribution = sortedDistribution(list)
        return distribution ? [{ group: names[number] as G, distribution }] : []
      })
    return {
      all: sortedDistribution(all),
      // In severity order, as the groups are numbered.
      bySeverity: distributions(SEVERITY_GROUPS, bySeverity),
      byService: distributions(serviceNames.names, perService).sort(byCountThenName),
    }
  }
  return {
    detect: breakdown(table.detect),
    mitigate: breakdown(table.mitigate),
    resolve: breakdown(table.resolve),
  }
}

export type BucketUnit = 'week' | 'month'

export interface Bucket {
  start: number
  label: string
  counts: Record<Severity | 'Unclassified', number>
}

/** Weeks for a period up to a quarter, months beyond; days are counted in the user's zone. */
export function bucketUnit(scope: Pick<MetricsScope, 'from' | 'to'>): BucketUnit {
  return scope.to - scope.from <= 92 * 24 * HOUR ? 'week' : 'month'
}

/**
 * Incidents per week or month by severity, from the first incident in scope (or the period's
 * start) to the period's end or now: quiet weeks show as zero, not as nothing.
 */
function buckets(
  table: MetricsTable,
  kept: Uint32Array,
  scope: MetricsScope,
  ctx: { now: number; zone: string },
): Bucket[] {
  const unit = bucketUnit(scope)
  const first = kept[0]
  if (first === undefined) return []
  const { startedAt, severity } = table
  const startOf = unit === 'week' ? startOfISOWeek : startOfMonth
  const step = unit === 'week' ? addWeeks : addMonths
  const last = startedAt[kept[kept.length - 1] as number] as number
  const end = Math.max(Math.min(scope.to - 1, ctx.now), last)
  const list: Bucket[] = []
  for (
    let start = startOf(new TZDate(Math.max(scope.from, startedAt[first] as number), ctx.zone));
    start.getTime() <= end;
    start = step(start, 1)
  )
    list.push({
      start: start.getTime(),
      label: format(start, unit === 'week' ? 'd MMM yyyy' : 'MMM yyyy'),
      counts: { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0, Unclassified: 0 },
    })
  // Both are in time order: one walk places every incident.
  let n = 0
  for (const row of kept) {
    const at = startedAt[row] as number
    while (n + 1 < list.length && (list[n + 1]?.start ?? Infinity) <= at) n++
    const bucket = list[n]
    if (bucket) bucket.counts[SEVERITY_GROUPS[severity[row] as number] ?? 'Unclassified']++
  }
  return list
}

/** "2 drills and 1 near miss", or '' when there were none. */
export function practiceNote(practice: PeriodMetrics['practice']): string {
  return [
    practice.drills && plural(practice.drills, 'drill'),
    practice.nearMisses && plural(practice.nearMisses, 'near miss', 'near misses'),
  ]
    .filter(Boolean)
    .join(' and ')
}

export interface PeriodMetrics {
  /** The incidents in scope, oldest first. */
  incidents: IncidentSummary[]
  /** How many drills and near misses the period had, whether counted or not. */
  practice: { drills: number; nearMisses: number }
  unit: BucketUnit
  buckets: Bucket[]
  durations: Record<DurationKey, DurationBreakdown>
  postmortems: {
    /** Resolved incidents that need a post-mortem (or have one anyway). */
    counted: number
    onTime: number
    late: number
    /** Still within the deadline. */
    pending: number
    deadlineHours: number
  }
  actionItems: {
    total: number
    open: number
    /** Open items, soonest due first (no due date last). */
    openItems: ActionItem[]
    /** The two-week rule (see action-items.ts). */
    twoWeeks: { counted: number; onTime: number }
    /** Open items past their due date: how long past, longest first. */
    overdue: { item: ActionItem; age: number }[]
  }
  /** Contributing factor categories and services, most frequent first. */
  factors: { name: string; count: number }[]
  services: { name: string; count: number }[]
}

/** How often each contributing factor category and each service comes up, most first. */
function tallies(table: MetricsTable, kept: Uint32Array) {
  const tally = (lists: Lists<Uint32Array>, names: Names) => {
    const counts = new Uint32Array(names.names.length)
    const count = (number: number) => countIn(counts, number)
    for (const row of kept) eachOf(lists, row, count)
    return Array.from(counts, (count, number) => ({ name: names.names[number] as string, count }))
      .filter((t) => t.count > 0)
      .sort(mostFirst)
  }
  return {
    factors: tally(table.factors, factorNames),
    services: tally(table.services, serviceNames),
  }
}

/**
 * A period's rows and what is worked out from them and the table alone (the durations and the
 * tallies; not what depends on the time now or the settings): kept for the last table and
 * period, so Metrics shown again over a table nothing changed reuses them, and patched with the
 * rows a patched table changed (at 100,000 incidents the durations alone take 45–60 ms, and
 * Metrics after a new incident worked them all out again).
 */
const lastRows = new WeakMap<
  object,
  { filters: string; from: number; to: number; rows: PeriodRows }
>()

interface PeriodRows {
  kept: Uint32Array
  isKept: Uint8Array
  practice: { drills: number; nearMisses: number }
  durations: Record<DurationKey, DurationBreakdown>
  tallies: ReturnType<typeof tallies>
}

function periodRows(table: MetricsTable, scope: MetricsScope): PeriodRows {
  const from = firstRowFrom(table, scope.from)
  const to = firstRowFrom(table, scope.to)
  const token = tokenOf(table)
  const filters = JSON.stringify([scope.kinds, scope.severity ?? null, scope.service ?? null])
  const patch = patchOf(table)
  const here = lastRows.get(token)
  // The last period's rows of this table (none changed since), else of the table it was patched
  // from (the rows it changed are in `added`).
  const [last, added] =
    here?.filters === filters ? [here, []] : [patch && lastRows.get(patch.from), patch?.added ?? []]
  const same = last?.filters === filters && unchangedBetween(table, added, last, scope)
  if (same && last === here) return last.rows
  const { kept, practice } = rowsIn(table, scope, from, to)
  const isKept = new Uint8Array(table.ids.length)
  for (const row of kept) isKept[row] = 1
  const rows = {
    kept,
    isKept,
    practice,
    ...((same && patch && last && patchedWork(table, last.rows, isKept, patch)) || {
      durations: durationBreakdowns(table, isKept),
      tallies: tallies(table, kept),
    }),
  }
  lastRows.set(token, { filters, from: scope.from, to: scope.to, rows })
  // Not needed again: a table is patched from the last one.
  if (patch) lastRows.delete(patch.from)
  return rows
}

/**
 * Whether the rows of `table` that were not changed (not `added`) in scope are those in the last
 * period's: none of them started between its bounds and those of `scope` (a period ending now
 * moves at each look).
 */
function unchangedBetween(
  table: MetricsTable,
  added: readonly number[],
  last: { from: number; to: number },
  scope: MetricsScope,
): boolean {
  return [
    [last.from, scope.from],
    [last.to, scope.to],
  ].every(([a = 0, b = 0]) => {
    const end = firstRowFrom(table, Math.max(a, b))
    for (let row = firstRowFrom(table, Math.min(a, b)); row < end; row++)
      if (!added.includes(row)) return false
    return true
  })
}

/**
 * The durations and tallies of `last`, the rows of the table `patch` was made from, with the rows
 * it changed taken out and put in again as they are now (`isKept`: the rows in scope now); null
 * where they do not add up (then worked out whole).
 */
function patchedWork(
  table: MetricsTable,
  last: PeriodRows,
  isKept: Uint8Array,
  patch: TablePatch,
): Pick<PeriodRows, 'durations' | 'tallies'> | null {
  const gone = patch.removed.filter(({ row }) => last.isKept[row])
  const come = patch.added.filter((row) => isKept[row]).map((row) => rowFacts(table, row))
  const durations = {} as Record<DurationKey, DurationBreakdown>
  for (const key of Object.keys(DURATIONS) as DurationKey[]) {
    const patched = patchedBreakdown(last.durations[key], key, gone, come)
    if (!patched) return null
    durations[key] = patched
  }
  return {
    durations,
    tallies: {
      factors: patchedTally(last.tallies.factors, factorNames, gone, come, (f) => f.factors),
      services: patchedTally(last.tallies.services, serviceNames, gone, come, (f) => f.services),
    },
  }
}

/** Values leaving a sorted group and coming into it. */
interface GroupChange {
  out: number[]
  in: number[]
}

/** `breakdown` with the rows `gone` out and `come` in; null where a value gone is not in it. */
function patchedBreakdown(
  breakdown: DurationBreakdown,
  key: DurationKey,
  gone: readonly RowFacts[],
  come: readonly RowFacts[],
): DurationBreakdown | null {
  const all: GroupChange = { out: [], in: [] }
  const bySeverity = new Map<number, GroupChange>()
  const byService = new Map<number, GroupChange>()
  const changeOf = (groups: Map<number, GroupChange>, group: number) => {
    let change = groups.get(group)
    if (!change) groups.set(group, (change = { out: [], in: [] }))
    return change
  }
  const note = (facts: readonly RowFacts[], side: keyof GroupChange) => {
    for (const f of facts) {
      const value = f.durations[key]
      if (Number.isNaN(value)) continue
      all[side].push(value)
      changeOf(bySeverity, f.severity)[side].push(value)
      for (const service of f.services) changeOf(byService, service)[side].push(value)
    }
  }
  note(gone, 'out')
  note(come, 'in')
  if (all.out.length + all.in.length === 0) return breakdown
  let missing = false
  const patched = (distribution: Distribution | null | undefined, change?: GroupChange) => {
    if (!change) return distribution ?? null
    const values = patchedValues(distribution?.values ?? new Float64Array(0), change)
    if (!values) missing = true
    return values && sortedDistribution(values)
  }
  const severities = new Map(breakdown.bySeverity.map((g) => [g.group, g.distribution]))
  // By number, as the changes are (every group's name is numbered already).
  const services = new Map(
    breakdown.byService.map((g) => [serviceNames.numberOf(g.group), g.distribution]),
  )
  const result: DurationBreakdown = {
    all: patched(breakdown.all, all),
    bySeverity: SEVERITY_GROUPS.flatMap((group, number) => {
      const distribution = patched(severities.get(group), bySeverity.get(number))
      return distribution ? [{ group, distribution }] : []
    }),
    byService: [...new Set([...services.keys(), ...byService.keys()])]
      .flatMap((number) => {
        const distribution = patched(services.get(number), byService.get(number))
        const group = serviceNames.names[number] as string
        return distribution ? [{ group, distribution }] : []
      })
      .sort(byCountThenName),
  }
  return missing ? null : result
}

/** `sorted` without the values `change` takes out and with those it brings, sorted; null when one taken out is not there. */
function patchedValues(sorted: Float64Array, change: GroupChange): Float64Array | null {
  const out = Float64Array.from(change.out).sort()
  const come = Float64Array.from(change.in).sort()
  const result = new Float64Array(sorted.length - out.length + come.length)
  let r = 0
  let c = 0
  let at = 0
  for (const value of sorted) {
    if (r < out.length && value === out[r]) {
      r++
      continue
    }
    while (c < come.length && (come[c] as number) < value) result[at++] = come[c++] as number
    if (at >= result.length) return null
    result[at++] = value
  }
  if (r < out.length) return null
  while (c < come.length) result[at++] = come[c++] as number
  return result
}

/** A tally of `last` with the rows `gone` out and `come` in, most first. */
function patchedTally(
  last: readonly { name: string; count: number }[],
  names: Names,
  gone: readonly RowFacts[],
  come: readonly RowFacts[],
  of: (f: RowFacts) => number[],
): { name: string; count: number }[] {
  if (gone.length + come.length === 0) return [...last]
  const counts = new Map(last.map(({ name, count }) => [name, count]))
  const add = (facts: readonly RowFacts[], by: number) => {
    for (const f of facts)
      for (const number of of(f)) {
        const name = names.names[number] as string
        counts.set(name, (counts.get(name) ?? 0) + by)
      }
  }
  add(gone, -1)
  add(come, 1)
  return [...counts]
    .flatMap(([name, count]) => (count > 0 ? [{ name, count }] : []))
    .sort(mostFirst)
}

/** The rows from `from` up to `to` (row numbers) that `scope` keeps. */
function rowsIn(table: MetricsTable, scope: MetricsScope, from: number, to: number) {
  const kinds = KINDS.map((kind) => scope.kinds.includes(kind))
  const severity = scope.severity ? SEVERITY_GROUPS.indexOf(scope.severity) : -1
  const service = scope.service ? serviceNames.numberOf(scope.service) : -1
  const { services } = table
  const kept = new Uint32Array(Math.max(0, to - from))
  let count = 0
  const practice = { drills: 0, nearMisses: 0 }
  for (let row = from; row < to; row++) {
    if (severity >= 0 && table.severity[row] !== severity) continue
    if (
      service >= 0 &&
      !services.values.subarray(services.from[row], services.to[row]).includes(service)
    )
      continue
    const kind = table.kind[row] as number
    if (KINDS[kind] === 'drill') practice.drills++
    else if (KINDS[kind] === 'near-miss') practice.nearMisses++
    if (kinds[kind]) kept[count++] = row
  }
  return { kept: kept.subarray(0, count), practice }
}

/** An action item by its id, and its incident's. */
export interface ItemRef {
  id: string
  incidentId: string
}

/**
 * A period's metrics but for the records themselves: their ids (which the table holds), the
 * summaries and the items read only for what is shown (see `shownIn`) or reported.
 */
export interface PeriodFacts extends Omit<PeriodMetrics, 'incidents' | 'actionItems'> {
  /** The incidents in scope, oldest first. */
  ids: string[]
  actionItems: Omit<PeriodMetrics['actionItems'], 'openItems' | 'overdue'> & {
    openItems: ItemRef[]
    overdue: (ItemRef & { age: number })[]
  }
}

/** Everything a period's review looks at, of the incidents of `all`. */
export function periodMetrics(
  all: readonly IncidentSummary[],
  open: readonly ActionItem[],
  scope: MetricsScope,
  ctx: { now: number; zone: string; settings: Settings },
): PeriodMetrics {
  const facts = periodFacts(buildTable(all), openItemsOf(open), scope, ctx)
  return withRecords(facts, new Map(all.map((i) => [i.id, i])), new Map(open.map((i) => [i.id, i])))
}

/** `facts` with its incidents' summaries and its items (found in `summaries` and `items`). */
export function withRecords(
  { ids, actionItems, ...facts }: PeriodFacts,
  summaries: ReadonlyMap<string, IncidentSummary>,
  items: ReadonlyMap<string, ActionItem>,
): PeriodMetrics {
  const openItems = actionItems.openItems.flatMap(({ id }) => items.get(id) ?? [])
  return {
    ...facts,
    incidents: ids.flatMap((id) => summaries.get(id) ?? []),
    actionItems: {
      ...actionItems,
      openItems,
      overdue: actionItems.overdue.flatMap(({ id, age }) => {
        const item = items.get(id)
        return item ? [{ item, age }] : []
      }),
    },
  }
}

/** Everything a period's review looks at, for the Metrics screen and the report alike. */
export function periodFacts(
  table: MetricsTable,
  /** The open action items (others are counted from the summaries' digests). */
  open: OpenItems,
  scope: MetricsScope,
  ctx: { now: number; zone: string; settings: Settings },
): PeriodFacts {
  const { kept, isKept, practice, durations, tallies: tallied } = periodRows(table, scope)
  const ids = mapped(kept, (row) => table.ids[row] as string)
  const deadline = ctx.settings.reminders.postmortemDeadlineHours * HOUR
  const required = SEVERITY_GROUPS.map(
    (group) =>
      postmortemNeed({ severity: group === 'Unclassified' ? null : group }, ctx.settings) ===
      'required',
  )
  const postmortems = { counted: 0, onTime: 0, late: 0, pending: 0 }
  // Every item counted through its incident's digest; only the open ones are read.
  const twoWeeks = { counted: 0, onTime: 0 }
  let total = 0
  const { notDoneSince } = table
  const countLate = (since: number) => {
    if (twoWeeksPassed(since, ctx.now)) twoWeeks.counted++
  }
  for (const row of kept) {
    total += table.itemsTotal[row] as number
    twoWeeks.counted += table.itemsDone[row] as number
    twoWeeks.onTime += table.itemsOnTime[row] as number
    eachOf(notDoneSince, row, countLate)
    const resolvedAt = table.resolvedAt[row] as number
    if (Number.isNaN(resolvedAt)) continue
    if (!required[table.severity[row] as number] && table.noPostmortem[row]) continue
    postmortems.counted++
    const final = table.finalAt[row] as number
    if (!Number.isNaN(final)) postmortems[final - resolvedAt <= deadline ? 'onTime' : 'late']++
    else postmortems[ctx.now - resolvedAt > deadline ? 'late' : 'pending']++
  }
  const rowOf = rowsOfItems(table, open)
  const due = (at: number) => dueOf(open, at)
  const inScope = dueOrder(open).filter(
    (at) => isKept[rowOf.get(open.incidentIds[at] as string) ?? -1],
  )
  const ref = (at: number) => ({
    id: open.ids[at] as string,
    incidentId: open.incidentIds[at] as string,
  })
  const openItems = inScope.map(ref)
  const overdue = inScope
    .filter((at) => due(at) < ctx.now)
    .map((at) => ({ ...ref(at), age: ctx.now - due(at) }))
    .sort((a, b) => b.age - a.age)
  return {
    ids,
    practice,
    unit: bucketUnit(scope),
    buckets: buckets(table, kept, scope, ctx),
    durations,
    postmortems: { ...postmortems, deadlineHours: ctx.settings.reminders.postmortemDeadlineHours },
    actionItems: {
      total,
      open: openItems.length,
      openItems,
      twoWeeks,
      overdue,
    },
    ...tallied,
  }
}

/**
 * What the Metrics screen shows of a period's metrics: everything but the incidents themselves and
 * all their open items (which the report lists), so it is small to hand from a worker to the page
 * whatever the history (each distribution's values are one typed array).
 */
export interface MetricsView extends Omit<PeriodFacts, 'ids' | 'actionItems'> {
  /** How many incidents are in scope. */
  count: number
  /** Every service any incident names, in order (the choices of the service filter). */
  allServices: string[]
  actionItems: Omit<PeriodFacts['actionItems'], 'openItems' | 'overdue'> & {
    overdueCount: number
    /** The longest overdue, at most OVERDUE_SHOWN, each with its incident's title. */
    overdue: { item: ActionItem; age: number; incidentTitle: string }[]
  }
}

/** How many overdue items the screen lists (the Action items page has them all). */
export const OVERDUE_SHOWN = 20

/** The records the view of `facts` shows: the overdue items it lists, and their incidents. */
export function shownIn(facts: PeriodFacts): { items: string[]; incidents: string[] } {
  const shown = facts.actionItems.overdue.slice(0, OVERDUE_SHOWN)
  return {
    items: shown.map(({ id }) => id),
    incidents: [...new Set(shown.map(({ incidentId }) => incidentId))],
  }
}

/**
 * The view of `facts`, of a table whose services are `allServices`, with the records `shownIn`
 * names: the items, and their incidents (for their titles).
 */
export function metricsView(
  facts: PeriodFacts,
  allServices: string[],
  shown: {
    items: readonly ActionItem[]
    incidents: readonly Pick<Incident, 'id' | 'title' | 'symptoms'>[]
  },
): MetricsView {
  const { ids, actionItems, ...rest } = facts
  const titles = new Map(shown.incidents.map((i) => [i.id, incidentTitle(i)]))
  const items = new Map(shown.items.map((item) => [item.id, item]))
  return {
    ...rest,
    count: ids.length,
    allServices,
    actionItems: {
      total: actionItems.total,
      open: actionItems.open,
      twoWeeks: actionItems.twoWeeks,
      overdueCount: actionItems.overdue.length,
      overdue: actionItems.overdue.slice(0, OVERDUE_SHOWN).flatMap(({ id, incidentId, age }) => {
        const item = items.get(id)
        return item ? [{ item, age, incidentTitle: titles.get(incidentId) ?? '' }] : []
      }),
    },
  }
}
