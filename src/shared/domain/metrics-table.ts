/**
 * Every incident's facts as Metrics counts them, as columns of numbers: one typed array per fact,
 * a row per incident in the order impact started (the trash left out). Made once from every
 * summary, then patched with the summaries that changed (see `patchTable`), so opening the screen
 * again or choosing another period walks a few contiguous arrays instead of 100,000 objects spread
 * over the heap (at 100,000 incidents the walks over the summaries took most of half a second).
 * It holds numbers and ids, not the summaries, so it is small and saved as it is
 * (metrics-store.ts): Metrics opens from it without reading every summary again.
 */
import { SEVERITIES, type ActionItem, type Incident, type IncidentKind } from './model'
import { sortByKey } from '../sort-by-key'
import type { IncidentSummary } from './summary'
import { floats, mapped } from '../mapped'

/** The severity groups as numbered in the table: SEV1 first, Unclassified last. */
export const SEVERITY_GROUPS = [...SEVERITIES, 'Unclassified'] as const
export const KINDS: readonly IncidentKind[] = ['incident', 'drill', 'near-miss']

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

/** Names (services, factor categories) as small numbers: counted without hashing strings. */
export class Names {
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
export const serviceNames = new Names()
export const factorNames = new Names()

/** A list per row, in one array: row r has `values[from[r]]` up to `values[to[r]]`. */
export interface Lists<T extends Uint32Array | Float64Array> {
  from: Uint32Array
  to: Uint32Array
  values: T
}

/** A duration of each row (NaN where there is none yet), and the rows with one, smallest first. */
export interface DurationColumn {
  values: Float64Array
  order: Uint32Array
}

/** One number per row. */
interface Columns {
  startedAt: Float64Array
  /** Index into SEVERITY_GROUPS. */
  severity: Uint8Array
  /** Index into KINDS. */
  kind: Uint8Array
  resolvedAt: Float64Array
  /** When the post-mortem was made final (NaN unless it is), and whether it has none at all. */
  finalAt: Float64Array
  noPostmortem: Uint8Array
  /** Its action items' digest: how many, how many done, and done within two weeks. */
  itemsTotal: Uint32Array
  itemsDone: Uint32Array
  itemsOnTime: Uint32Array
}

const columns = (n: number): Columns => ({
  startedAt: new Float64Array(n),
  severity: new Uint8Array(n),
  kind: new Uint8Array(n),
  resolvedAt: new Float64Array(n),
  finalAt: new Float64Array(n),
  noPostmortem: new Uint8Array(n),
  itemsTotal: new Uint32Array(n),
  itemsDone: new Uint32Array(n),
  itemsOnTime: new Uint32Array(n),
})

const DURATION_KEYS = ['detect', 'mitigate', 'resolve'] as const
type DurationKey = (typeof DURATION_KEYS)[number]
const LIST_KEYS = ['services', 'factors', 'notDoneSince'] as const

export interface MetricsTable extends Columns {
  /** The incident of each row, in the order impact started. */
  ids: string[]
  /** Every service any row names, in order (the choices of the service filter). */
  serviceChoices: string[]
  /** The durations from the start of impact (responseDurations). */
  detect: DurationColumn
  mitigate: DurationColumn
  resolve: DurationColumn
  services: Lists<Uint32Array>
  factors: Lists<Uint32Array>
  /** When each of its action items not done yet was written down. */
  notDoneSince: Lists<Float64Array>
  /** How many list values belong to no row any more (rows taken out by a patch). */
  unused: number
}

/** Calls `visit` with each of row `row`'s values in `lists`. */
export function eachOf(
  { from, to, values }: Lists<Uint32Array> | Lists<Float64Array>,
  row: number,
  visit: (value: number) => void,
): void {
  const end = to[row] as number
  for (let at = from[row] as number; at < end; at++) visit(values[at] as number)
}

/** Adds one to `counts[at]`. */
export const countIn = (counts: Uint32Array, at: number) => {
  counts[at] = (counts[at] as number) + 1
}

/**
 * Lists of numbers per row, written row by row in any order after the values of `kept` (the
 * lists of a table this one is patched from, whose rows keep pointing into them).
 */
function listWriter<T extends Uint32Array | Float64Array>(
  rows: number,
  kept: T,
  make: (n: number) => T,
) {
  const from = new Uint32Array(rows)
  const to = new Uint32Array(rows)
  let values: number[] = []
  return {
    from,
    to,
    add(row: number, list: readonly number[]) {
      from[row] = kept.length + values.length
      for (const value of list) values.push(value)
      to[row] = kept.length + values.length
    },
    done(): Lists<T> {
      const out = make(kept.length + values.length)
      out.set(kept)
      out.set(values, kept.length)
      values = []
      return { from, to, values: out }
    },
  }
}

/** Where a table is being written: its columns, its durations and its lists. */
interface Writer {
  columns: Columns
  durations: Record<DurationKey, Float64Array>
  lists: {
    services: ReturnType<typeof listWriter<Uint32Array>>
    factors: ReturnType<typeof listWriter<Uint32Array>>
    notDoneSince: ReturnType<typeof listWriter<Float64Array>>
  }
}

/** A writer of `n` rows; their lists after those of `from` (a table being patched). */
function writer(n: number, from?: MetricsTable): Writer {
  const none = { whole: new Uint32Array(0), real: new Float64Array(0) }
  return {
    columns: columns(n),
    durations: {
      detect: new Float64Array(n),
      mitigate: new Float64Array(n),
      resolve: new Float64Array(n),
    },
    lists: {
      services: listWriter(n, from?.services.values ?? none.whole, (size) => new Uint32Array(size)),
      factors: listWriter(n, from?.factors.values ?? none.whole, (size) => new Uint32Array(size)),
      notDoneSince: listWriter(
        n,
        from?.notDoneSince.values ?? none.real,
        (size) => new Float64Array(size),
      ),
    },
  }
}

const orNaN = (value: number | null | undefined) => value ?? NaN
const UNCLASSIFIED = SEVERITY_GROUPS.length - 1

/** Writes the facts of `i` as row `row`. */
function write({ columns: c, durations: d, lists }: Writer, row: number, i: IncidentSummary) {
  c.startedAt[row] = i.startedAt
  c.severity[row] = i.severity ? SEVERITIES.indexOf(i.severity) : UNCLASSIFIED
  c.kind[row] = KINDS.indexOf(i.kind ?? 'incident')
  const durations = responseDurations(i)
  d.detect[row] = durations.timeToDetect
  d.mitigate[row] = durations.timeToMitigate ?? NaN
  d.resolve[row] = durations.timeToResolve ?? NaN
  c.resolvedAt[row] = orNaN(i.resolvedAt)
  c.finalAt[row] = i.postmortemStatus === 'final' ? orNaN(i.postmortemFinalAt) : NaN
  c.noPostmortem[row] = i.postmortemStatus === 'none' ? 1 : 0
  lists.services.add(
    row,
    i.services.map((name) => serviceNames.numberOf(name)),
  )
  lists.factors.add(
    row,
    (i.factors ?? []).map((factor) => factorNames.numberOf(factor.category)),
  )
  c.itemsTotal[row] = i.items?.total ?? 0
  c.itemsDone[row] = i.items?.done ?? 0
  c.itemsOnTime[row] = i.items?.onTime ?? 0
  lists.notDoneSince.add(row, i.items?.notDoneSince ?? [])
}

/** Rows with a value of `values`, smallest first. */
function durationOrder(values: Float64Array, rows: Iterable<number>): number[] {
  let least = Infinity
  const valued: number[] = []
  for (const row of rows) {
    const value = values[row] as number
    if (Number.isNaN(value)) continue
    valued.push(row)
    least = Math.min(least, value)
  }
  // From the least, so that a negative duration (a time entered before the start) sorts too.
  return sortByKey(valued, (row) => (values[row] as number) - least)
}

/** Every service the rows of `services` name, in order. */
function choicesOf(services: Lists<Uint32Array>, rows: number): string[] {
  const choices = new Uint8Array(serviceNames.names.length)
  for (let row = 0; row < rows; row++) eachOf(services, row, (s) => (choices[s] = 1))
  return serviceNames.names.filter((_, number) => choices[number]).sort()
}

/** The table `w` wrote, with its rows' ids and their durations' orders. */
function finish(
  w: Writer,
  ids: string[],
  orders: Record<DurationKey, Uint32Array>,
  unused: number,
): MetricsTable {
  const services = w.lists.services.done()
  return {
    ...w.columns,
    ids,
    serviceChoices: choicesOf(services, ids.length),
    detect: { values: w.durations.detect, order: orders.detect },
    mitigate: { values: w.durations.mitigate, order: orders.mitigate },
    resolve: { values: w.durations.resolve, order: orders.resolve },
    services,
    factors: w.lists.factors.done(),
    notDoneSince: w.lists.notDoneSince.done(),
    unused,
  }
}

/** The table of `all`, made whole. */
export function buildTable(all: readonly IncidentSummary[]): MetricsTable {
  // Each summary's row; the summaries are read in their own order, the one they were read from
  // the database in and so (mostly) the order they lie in memory: in the rows' order each read
  // was a cache miss, two thirds of the time this took.
  const live = all.flatMap((i, at) => (i.status === 'deleted' ? [] : [at]))
  const order = sortByKey(live, (at) => (all[at] as IncidentSummary).startedAt)
  const rowAt = new Int32Array(all.length).fill(-1)
  order.forEach((at, row) => (rowAt[at] = row))
  const n = order.length
  const w = writer(n)
  for (let at = 0; at < all.length; at++) {
    const row = rowAt[at] as number
    if (row >= 0) write(w, row, all[at] as IncidentSummary)
  }
  const ids = order.map((at) => (all[at] as IncidentSummary).id)
  const orders = ordersOf((key) => durationOrder(w.durations[key], ids.keys()))
  return finish(w, ids, orders, 0)
}

const ordersOf = (order: (key: DurationKey) => ArrayLike<number>) =>
  Object.fromEntries(
    DURATION_KEYS.map((key) => {
      const rows = order(key)
      return [key, rows instanceof Uint32Array ? rows : Uint32Array.from(rows)]
    }),
  ) as Record<DurationKey, Uint32Array>

/**
 * The table of `old` once the summaries of `changed` are `fresh` (those not among them are gone):
 * the rows of the others are copied column by column (numbers, not objects), the fresh summaries'
 * facts written and placed in time order, the durations' orders merged. At 100,000 incidents
 * making the table whole took 200 ms (reading each summary), and reading every summary first
 * seconds; a patch after one change a few milliseconds.
 */
export function patchTable(
  old: MetricsTable,
  changed: ReadonlySet<string>,
  fresh: readonly IncidentSummary[],
): MetricsTable {
  if (changed.size === 0) return old
  const n0 = old.ids.length
  const keptOld = new Uint8Array(n0)
  old.ids.forEach((id, row) => (keptOld[row] = changed.has(id) ? 0 : 1))
  const b = fresh.filter((i) => i.status !== 'deleted' && changed.has(i.id))
  const added = sortByKey([...b.keys()], (j) => (b[j] as IncidentSummary).startedAt)
  // Each new row's old row, or -1 - k for the k-th added summary; both in time order.
  const source = new Int32Array(n0 + added.length)
  const newRow = new Int32Array(n0).fill(-1)
  const addedRow: number[] = []
  let n = 0
  let unused = old.unused
  for (let o = 0, k = 0; o < n0 || k < added.length;) {
    if (o < n0 && !keptOld[o]) {
      for (const key of LIST_KEYS)
        unused += (old[key].to[o] as number) - (old[key].from[o] as number)
      o++
    } else if (
      k >= added.length ||
      (o < n0 &&
        (old.startedAt[o] as number) <= (b[added[k] as number] as IncidentSummary).startedAt)
    ) {
      newRow[o] = n
      source[n++] = o++
    } else {
      addedRow.push(n)
      source[n++] = -1 - k++
    }
  }
  const w = writer(n, old)
  // The old rows kept lie in runs of neighbours (a change moves a few rows): copied a run at a time
  // (row by row, the 18 columns of 100,000 rows took 35 ms).
  const runs: number[] = [] // (new row, old row, length) for each run
  for (let row = 0; row < n; row++) {
    const o = source[row] as number
    if (o < 0) continue
    const last = runs.length - 3
    const length = runs[last + 2] as number
    if (
      last >= 0 &&
      (runs[last] as number) + length === row &&
      (runs[last + 1] as number) + length === o
    )
      runs[last + 2] = length + 1
    else runs.push(row, o, 1)
  }
  const copy = <T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T) => {
    for (let at = 0; at < runs.length; at += 3) {
      const o = runs[at + 1] as number
      to.set(from.subarray(o, o + (runs[at + 2] as number)), runs[at] as number)
    }
  }
  for (const key of Object.keys(w.columns) as (keyof Columns)[]) copy(old[key], w.columns[key])
  for (const key of DURATION_KEYS) copy(old[key].values, w.durations[key])
  for (const key of LIST_KEYS) {
    copy(old[key].from, w.lists[key].from)
    copy(old[key].to, w.lists[key].to)
  }
  addedRow.forEach((row, k) => write(w, row, b[added[k] as number] as IncidentSummary))
  const ids = mapped(source.subarray(0, n), (o) =>
    o >= 0 ? (old.ids[o] as string) : (b[added[-1 - o] as number] as IncidentSummary).id,
  )
  const orders = ordersOf((key) => {
    const values = w.durations[key]
    const { order } = old[key]
    const kept = new Uint32Array(order.length)
    let count = 0
    for (let at = 0; at < order.length; at++) {
      const row = newRow[order[at] as number] as number
      if (row >= 0) kept[count++] = row
    }
    return mergeBy(values, kept.subarray(0, count), durationOrder(values, addedRow))
  })
  const made = finish(w, ids, orders, unused)
  const table = made.unused > n ? compacted(made) : made
  const removed: RowFacts[] = []
  for (let o = 0; o < n0; o++) if (!keptOld[o]) removed.push(rowFacts(old, o))
  patches.set(table, { from: tokenOf(old), newRow, added: addedRow, removed })
  return table
}

/** One row's facts that Metrics' distributions and tallies count. */
export interface RowFacts {
  row: number
  severity: number
  durations: Record<DurationKey, number>
  services: number[]
  factors: number[]
}

export function rowFacts(table: MetricsTable, row: number): RowFacts {
  const list = ({ from, to, values }: Lists<Uint32Array>) =>
    Array.from(values.subarray(from[row], to[row]))
  return {
    row,
    severity: table.severity[row] as number,
    durations: {
      detect: table.detect.values[row] as number,
      mitigate: table.mitigate.values[row] as number,
      resolve: table.resolve.values[row] as number,
    },
    services: list(table.services),
    factors: list(table.factors),
  }
}

/**
 * How a patched table's rows came from the table it was patched from (which is not kept: what is
 * worked out from that one is patched with this, see metrics.ts).
 */
export interface TablePatch {
  /** The table patched (its `tokenOf`). */
  from: object
  /** Each of its rows' row here, or -1 for those that changed or left. */
  newRow: Int32Array
  /** The rows written from the changed summaries, in order. */
  added: readonly number[]
  /** The facts of its rows that changed or left. */
  removed: readonly RowFacts[]
}

const patches = new WeakMap<MetricsTable, TablePatch>()
const tokens = new WeakMap<MetricsTable, object>()

/** How `table` was patched, if it was. */
export const patchOf = (table: MetricsTable): TablePatch | undefined => patches.get(table)

/**
 * An object standing for `table`: what is worked out from it is kept under it, and a table patched
 * from it names it (`patchOf`) without holding the table itself.
 */
export function tokenOf(table: MetricsTable): object {
  let token = tokens.get(table)
  if (!token) tokens.set(table, (token = {}))
  return token
}

/** `table` with its lists' values packed (none left that no row points to). */
function compacted(table: MetricsTable): MetricsTable {
  const pack = <T extends Uint32Array | Float64Array>(lists: Lists<T>, make: (n: number) => T) => {
    const rows = lists.from.length
    const from = new Uint32Array(rows)
    const to = new Uint32Array(rows)
    let size = 0
    for (let row = 0; row < rows; row++)
      size += (lists.to[row] as number) - (lists.from[row] as number)
    const values = make(size)
    let at = 0
    for (let row = 0; row < rows; row++) {
      from[row] = at
      values.set(lists.values.subarray(lists.from[row], lists.to[row]), at)
      at += (lists.to[row] as number) - (lists.from[row] as number)
      to[row] = at
    }
    return { from, to, values }
  }
  return {
    ...table,
    services: pack(table.services, (n) => new Uint32Array(n)),
    factors: pack(table.factors, (n) => new Uint32Array(n)),
    notDoneSince: pack(table.notDoneSince, (n) => new Float64Array(n)),
    unused: 0,
  }
}

/** Two lists of rows, each in order of `values`, as one (the first's first on a tie). */
function mergeBy(values: Float64Array, first: Uint32Array, second: number[]): Uint32Array {
  if (second.length === 0) return first
  const out = new Uint32Array(first.length + second.length)
  let i = 0
  let j = 0
  for (let at = 0; at < out.length; at++) {
    const next = second[j]
    out[at] =
      next === undefined ||
      (i < first.length && (values[first[i] as number] as number) <= (values[next] as number))
        ? (first[i++] as number)
        : (j++, next)
  }
  return out
}

/**
 * The open action items as Metrics counts them: each one's id, incident and due date (NaN: none),
 * in columns. At 100,000 incidents there are tens of thousands of them, and reading them whole
 * took half a second of each first open; these are saved with the table and patched with it (an
 * item's change rewrites its incident's summary, so its incident is among those changed).
 */
export interface OpenItems {
  ids: string[]
  incidentIds: string[]
  dueAt: Float64Array
}

/** The open items among `items`. */
export function openItemsOf(items: readonly ActionItem[]): OpenItems {
  const open = items.filter((item) => item.status === 'open')
  return {
    ids: open.map((item) => item.id),
    incidentIds: open.map((item) => item.incidentId),
    dueAt: floats(open, (item) => item.dueAt ?? NaN),
  }
}

/** `old` once the items of the incidents `changed` are `fresh` (only the open ones count). */
export function patchOpenItems(
  old: OpenItems,
  changed: ReadonlySet<string>,
  fresh: readonly ActionItem[],
): OpenItems {
  if (changed.size === 0) return old
  const kept = old.ids.flatMap((_, at) => (changed.has(old.incidentIds[at] as string) ? [] : [at]))
  const added = openItemsOf(fresh.filter((item) => changed.has(item.incidentId)))
  // None of theirs was open or is: the same items (what is worked out from them is kept).
  if (kept.length === old.ids.length && added.ids.length === 0) return old
  const dueAt = new Float64Array(kept.length + added.ids.length)
  kept.forEach((at, to) => (dueAt[to] = old.dueAt[at] as number))
  dueAt.set(added.dueAt, kept.length)
  return {
    ids: [...kept.map((at) => old.ids[at] as string), ...added.ids],
    incidentIds: [...kept.map((at) => old.incidentIds[at] as string), ...added.incidentIds],
    dueAt,
  }
}

const dueOrders = new WeakMap<OpenItems, number[]>()

/** The due date of open item `at` (none: Infinity, after every date). */
export const dueOf = (open: OpenItems, at: number): number => {
  const dueAt = open.dueAt[at] as number
  return Number.isNaN(dueAt) ? Infinity : dueAt
}

/**
 * The open items soonest due first, none last; ties in id order (the order the database hands them
 * in). Sorted once per list of items, whatever the period.
 */
export function dueOrder(open: OpenItems): number[] {
  let order = dueOrders.get(open)
  if (!order) {
    const { ids } = open
    const id = (at: number) => ids[at] as string
    order = [...ids.keys()].sort(
      (a, b) => dueOf(open, a) - dueOf(open, b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
    )
    dueOrders.set(open, order)
  }
  return order
}

const itemRows = new WeakMap<object, { items: OpenItems; rows: Map<string, number> }>()

/**
 * The rows of the incidents the open `items` belong to (a few of all incidents), by incident id;
 * kept while the table and the items are the same, and moved with the rows of a patched table
 * (finding them among 100,000 rows took 25 ms).
 */
export function rowsOfItems(table: MetricsTable, items: OpenItems): Map<string, number> {
  const token = tokenOf(table)
  const known = itemRows.get(token)
  if (known?.items === items) return known.rows
  const ids = new Set(items.incidentIds)
  const rows = new Map<string, number>()
  const patch = patchOf(table)
  const before = patch && itemRows.get(patch.from)
  if (patch && before) {
    // An item's change rewrites its incident's summary: the other incidents' items are the same.
    for (const [id, row] of before.rows) {
      const moved = patch.newRow[row] as number
      if (moved >= 0) rows.set(id, moved)
    }
    for (const row of patch.added) {
      const id = table.ids[row] as string
      if (ids.has(id)) rows.set(id, row)
    }
    // Not needed again: a table is patched from the last one.
    itemRows.delete(patch.from)
  } else
    table.ids.forEach((id, row) => {
      if (ids.has(id)) rows.set(id, row)
    })
  itemRows.set(token, { items, rows })
  return rows
}

/** The first row that started at or after `time` (rows are in the order impact started). */
export function firstRowFrom(table: MetricsTable, time: number): number {
  let low = 0
  let high = table.startedAt.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((table.startedAt[middle] as number) < time) low = middle + 1
    else high = middle
  }
  return low
}

/** A table as saved: itself, and the names its numbers stand for (numbered as they were then). */
export interface SavedTable {
  table: MetricsTable
  services: string[]
  factors: string[]
}

export const savedTable = (table: MetricsTable): SavedTable => ({
  table,
  services: [...serviceNames.names],
  factors: [...factorNames.names],
})

/**
 * The table saved as `saved`, its names numbered as they are numbered here; null when it is not
 * a whole table (a column of another length than its rows).
 */
export function restoredTable(saved: SavedTable): MetricsTable | null {
  const { table } = saved
  const n = table.ids.length
  const lengths = [
    ...(Object.keys(columns(0)) as (keyof Columns)[]).map((key) => table[key].length),
    ...DURATION_KEYS.map((key) => table[key].values.length),
    ...LIST_KEYS.flatMap((key) => [table[key].from.length, table[key].to.length]),
  ]
  if (lengths.some((length) => length !== n)) return null
  const renumbered = (lists: Lists<Uint32Array>, names: string[], here: Names) => {
    const numbers = names.map((name) => here.numberOf(name))
    return numbers.every((number, at) => number === at)
      ? lists
      : { ...lists, values: lists.values.map((value) => numbers[value] ?? 0) }
  }
  return {
    ...table,
    services: renumbered(table.services, saved.services, serviceNames),
    factors: renumbered(table.factors, saved.factors, factorNames),
  }
}
