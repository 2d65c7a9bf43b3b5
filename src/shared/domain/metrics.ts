/**
 * How the response went, over one incident or many: pure functions of the stored records (an
 * incident is a projection of its events, so these hold for incidents back-filled years later).
 * Durations are shown as distributions (median, p90, range, every incident), never as means: one
 * twelve-hour outage says more than an average that hides it.
 */
import { TZDate } from '@date-fns/tz'
import { addMonths, addWeeks, format, startOfISOWeek, startOfMonth } from 'date-fns'
import { countDigest } from './action-items'
import {
  SEVERITIES,
  incidentTitle,
  type ActionItem,
  type Incident,
  type IncidentKind,
  type Severity,
  type Settings,
} from './model'
import { sortByKey } from '../sort-by-key'
import { postmortemNeed } from './postmortem-policy'
import type { IncidentSummary } from './summary'
import { HOUR } from './time'
import { plural } from './vocabulary'

const span = (from: number | null, to: number | null): number | null =>
  from === null || to === null ? null : to - from

/**
 * The standard durations (see DURATION_DEFINITIONS in postmortem.ts), all measured from the start
 * of impact, so they hold for an incident back-filled years later.
 */
export function responseDurations(
  incident: Pick<Incident, 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'>,
): { timeToDetect: number; timeToMitigate: number | null; timeToResolve: number | null } {
  return {
    timeToDetect: Math.max(0, incident.detectedAt - incident.startedAt),
    timeToMitigate: span(incident.startedAt, incident.mitigatedAt),
    timeToResolve: span(incident.startedAt, incident.resolvedAt),
  }
}

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

/** Whether `incident` is in `scope`, whatever its kind. */
const inWindow = (incident: IncidentSummary, scope: MetricsScope): boolean =>
  incident.status !== 'deleted' &&
  incident.startedAt >= scope.from &&
  incident.startedAt < scope.to &&
  (!scope.severity || incident.severity === scope.severity) &&
  (!scope.service || incident.services.includes(scope.service))

export const inScope = (incident: IncidentSummary, scope: MetricsScope): boolean =>
  inWindow(incident, scope) && scope.kinds.includes(kindOf(incident))

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

/** A severity's place, SEV1 first and Unclassified last. */
const severityRank = (g: Severity | 'Unclassified') =>
  g === 'Unclassified' ? SEVERITIES.length : SEVERITIES.indexOf(g)

/** Names (services, factor categories) as small numbers: counted without hashing strings. */
class Names {
  private readonly numbers = new Map<string, number>()
  readonly names: string[] = []
  numberOf(name: string): number {
    let number = this.numbers.get(name)
    if (number === undefined) {
      number = this.names.push(name) - 1
      this.numbers.set(name, number)
    }
    return number
  }
}
const serviceNames = new Names()
const factorNames = new Names()

/** What the metrics count of one incident. */
interface Facts {
  severity: number
  services: number[]
  factors: number[]
  detect: number
  mitigate: number
  resolve: number
}

const known = new WeakMap<IncidentSummary, Facts>()

/**
 * An incident's facts, worked out once per summary: a summary read again unchanged is the same
 * object (summaries-reader.ts), so opening the screen again or choosing another period counts
 * numbers, not strings (at 100,000 incidents the durations and tallies took 0.3 s of the 0.6).
 */
function factsOf(incident: IncidentSummary): Facts {
  let facts = known.get(incident)
  if (!facts) {
    const d = responseDurations(incident)
    facts = {
      severity: severityRank(incident.severity ?? 'Unclassified'),
      services: incident.services.map((name) => serviceNames.numberOf(name)),
      factors: (incident.factors ?? []).map((factor) => factorNames.numberOf(factor.category)),
      detect: d.timeToDetect,
      mitigate: d.timeToMitigate ?? NaN,
      resolve: d.timeToResolve ?? NaN,
    }
    known.set(incident, facts)
  }
  return facts
}

/**
 * Each duration as a distribution, overall, by severity and by service, from each incident's facts
 * (its groups as small numbers); each group's values are sorted as a typed array (a native numeric
 * sort, no comparison function).
 */
function durationBreakdowns(
  incidents: readonly IncidentSummary[],
): Record<DurationKey, DurationBreakdown> {
  const severityGroups: (Severity | 'Unclassified')[] = [...SEVERITIES, 'Unclassified']
  const facts = incidents.map(factsOf)
  const breakdown = (key: DurationKey): DurationBreakdown => {
    const all: number[] = []
    const bySeverity: number[][] = severityGroups.map(() => [])
    // By service number (sparse: only the services these incidents name).
    const byService: number[][] = []
    for (const f of facts) {
      const value = f[key]
      if (Number.isNaN(value)) continue
      all.push(value)
      bySeverity[f.severity]?.push(value)
      for (const service of f.services) (byService[service] ??= []).push(value)
    }
    const distributions = <G>(names: readonly G[], lists: number[][]) =>
      lists.flatMap((list, number) => {
        const distribution = sortedDistribution(Float64Array.from(list).sort())
        return distribution ? [{ group: names[number] as G, distribution }] : []
      })
    return {
      all: sortedDistribution(Float64Array.from(all).sort()),
      // In severity order, as the groups are numbered.
      bySeverity: distributions(severityGroups, bySeverity),
      byService: distributions(serviceNames.names, byService).sort(
        (a, b) =>
          b.distribution.count - a.distribution.count || a.group.localeCompare(b.group, 'en'),
      ),
    }
  }
  return {
    detect: breakdown('detect'),
    mitigate: breakdown('mitigate'),
    resolve: breakdown('resolve'),
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
  incidents: readonly IncidentSummary[],
  scope: MetricsScope,
  ctx: { now: number; zone: string },
): Bucket[] {
  const unit = bucketUnit(scope)
  const first = incidents[0]
  if (!first) return []
  const startOf = unit === 'week' ? startOfISOWeek : startOfMonth
  const step = unit === 'week' ? addWeeks : addMonths
  const end = Math.max(Math.min(scope.to - 1, ctx.now), incidents.at(-1)?.startedAt ?? 0)
  const list: Bucket[] = []
  for (
    let start = startOf(new TZDate(Math.max(scope.from, first.startedAt), ctx.zone));
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
  for (const i of incidents) {
    while (n + 1 < list.length && (list[n + 1]?.start ?? Infinity) <= i.startedAt) n++
    const bucket = list[n]
    if (bucket) bucket.counts[i.severity ?? 'Unclassified']++
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
function tallies(incidents: readonly IncidentSummary[]) {
  // Counts by name number (sparse).
  const factors: number[] = []
  const services: number[] = []
  for (const incident of incidents) {
    const facts = factsOf(incident)
    for (const factor of facts.factors) factors[factor] = (factors[factor] ?? 0) + 1
    for (const service of facts.services) services[service] = (services[service] ?? 0) + 1
  }
  const list = (counts: number[], names: Names) =>
    counts
      .flatMap((count, number) => [{ name: names.names[number] as string, count }])
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en'))
  return { factors: list(factors, factorNames), services: list(services, serviceNames) }
}

/** Everything a period's review looks at, for the Metrics screen and the report alike. */
export function periodMetrics(
  all: readonly IncidentSummary[],
  /** The open action items (others are counted from the summaries' digests). */
  open: readonly ActionItem[],
  scope: MetricsScope,
  ctx: { now: number; zone: string; settings: Settings },
): PeriodMetrics {
  // One walk: the incidents in scope, and the drills and near misses whether counted or not.
  const kept: IncidentSummary[] = []
  const practice = { drills: 0, nearMisses: 0 }
  for (const i of all) {
    if (!inWindow(i, scope)) continue
    const kind = kindOf(i)
    if (kind !== 'incident') practice[kind === 'drill' ? 'drills' : 'nearMisses']++
    if (scope.kinds.includes(kind)) kept.push(i)
  }
  // By packed keys: 100,000 incidents compared pair by pair took a tenth of a second.
  const incidents = sortByKey(kept, (i) => i.startedAt)
  const deadline = ctx.settings.reminders.postmortemDeadlineHours * HOUR
  const postmortems = { counted: 0, onTime: 0, late: 0, pending: 0 }
  for (const i of incidents) {
    if (i.resolvedAt === null) continue
    const final = i.postmortemStatus === 'final' ? i.postmortemFinalAt : null
    if (postmortemNeed(i, ctx.settings) !== 'required' && i.postmortemStatus === 'none') continue
    postmortems.counted++
    if (final !== null) postmortems[final - i.resolvedAt <= deadline ? 'onTime' : 'late']++
    else postmortems[ctx.now - i.resolvedAt > deadline ? 'late' : 'pending']++
  }
  const ids = new Set(incidents.map((i) => i.id))
  // Every item counted through its incident's digest; only the open ones are read.
  const twoWeeks = { counted: 0, onTime: 0 }
  let total = 0
  for (const i of incidents) {
    if (!i.items) continue
    total += i.items.total
    countDigest(twoWeeks, i.items, ctx.now)
  }
  const openItems = open
    .filter((item) => item.status === 'open' && ids.has(item.incidentId))
    .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity))
  const overdue = openItems
    .filter((item) => item.dueAt !== null && item.dueAt < ctx.now)
    .map((item) => ({ item, age: ctx.now - (item.dueAt ?? ctx.now) }))
    .sort((a, b) => b.age - a.age)
  return {
    incidents,
    practice,
    unit: bucketUnit(scope),
    buckets: buckets(incidents, scope, ctx),
    durations: durationBreakdowns(incidents),
    postmortems: { ...postmortems, deadlineHours: ctx.settings.reminders.postmortemDeadlineHours },
    actionItems: {
      total,
      open: openItems.length,
      openItems,
      twoWeeks,
      overdue,
    },
    ...tallies(incidents),
  }
}

/**
 * What the Metrics screen shows of a period's metrics: everything but the incidents themselves and
 * all their open items (which the report lists), so it is small to hand from a worker to the page
 * whatever the history (each distribution's values are one typed array).
 */
export interface MetricsView extends Omit<PeriodMetrics, 'incidents' | 'actionItems'> {
  /** How many incidents are in scope. */
  count: number
  /** Every service any incident names, in order (the choices of the service filter). */
  allServices: string[]
  actionItems: Omit<PeriodMetrics['actionItems'], 'openItems' | 'overdue'> & {
    overdueCount: number
    /** The longest overdue, at most OVERDUE_SHOWN, each with its incident's title. */
    overdue: { item: ActionItem; age: number; incidentTitle: string }[]
  }
}

/** How many overdue items the screen lists (the Action items page has them all). */
export const OVERDUE_SHOWN = 20

/**
 * Every service named by a list of summaries, kept while the list is the same object (the
 * reader hands back the same list while no summary changed).
 */
const named = new WeakMap<readonly IncidentSummary[], string[]>()
function servicesOf(all: readonly IncidentSummary[]): string[] {
  let services = named.get(all)
  if (!services) {
    // Each service's number once (as it is named in the facts kept for each incident).
    const numbers: true[] = []
    for (const incident of all)
      for (const service of factsOf(incident).services) numbers[service] = true
    services = numbers.flatMap((_, service) => [serviceNames.names[service] as string]).sort()
    named.set(all, services)
  }
  return services
}

/** The view of `metrics` (of incidents among `all`). */
export function metricsView(metrics: PeriodMetrics, all: readonly IncidentSummary[]): MetricsView {
  const { incidents, actionItems, ...rest } = metrics
  const shown = actionItems.overdue.slice(0, OVERDUE_SHOWN)
  const wanted = new Set(shown.map(({ item }) => item.incidentId))
  const titles = new Map(
    incidents.filter((i) => wanted.has(i.id)).map((i) => [i.id, incidentTitle(i)]),
  )
  return {
    ...rest,
    count: incidents.length,
    allServices: servicesOf(all),
    actionItems: {
      total: actionItems.total,
      open: actionItems.open,
      twoWeeks: actionItems.twoWeeks,
      overdueCount: actionItems.overdue.length,
      overdue: shown.map((o) => ({ ...o, incidentTitle: titles.get(o.item.incidentId) ?? '' })),
    },
  }
}
