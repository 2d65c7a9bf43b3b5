import { describe, expect, it } from 'vitest'
import {
  buildTable,
  dueOrder,
  eachOf,
  openItemsOf,
  patchOpenItems,
  patchTable,
  restoredTable,
  savedTable,
  serviceNames,
  type MetricsTable,
  type OpenItems,
} from './metrics-table'
import { periodFacts, type MetricsScope } from './metrics'
import type { ActionItem } from './model'
import { DEFAULT_SETTINGS } from './settings'
import type { IncidentSummary } from './summary'
import { IncidentLog, T0 } from './test-helpers'
import { HOUR, MINUTE } from './time'

/** A small seeded generator, so a failure can be run again. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SERVICES = ['db', 'api', 'edge', 'queue', 'auth']
const FACTORS = ['Change', 'Capacity', 'Detection gap']

let made = 0

/**
 * A summary with facts drawn from `next`: some open, some resolved, some in the trash. Each starts
 * at its own minute (incidents that start at the same moment may take either order).
 */
function summary(id: string, next: () => number): IncidentSummary {
  const startedAt = T0 - ((made++ * 7919) % 100_000) * MINUTE
  const pick = <T>(list: readonly T[]) => list.filter(() => next() < 0.4)
  const resolved = next() < 0.7
  const base = new IncidentLog(id, { now: startedAt, title: id }).incident
  return {
    ...base,
    status: next() < 0.05 ? 'deleted' : resolved ? 'resolved' : 'active',
    startedAt,
    detectedAt: startedAt + Math.floor(next() * 30) * MINUTE,
    // Now and then mitigated "before" it started (a hand-made file).
    mitigatedAt: next() < 0.8 ? startedAt + Math.floor(next() * 300 - 20) * MINUTE : null,
    resolvedAt: resolved ? startedAt + Math.floor(next() * 900) * MINUTE : null,
    severity: (['SEV1', 'SEV2', 'SEV3', 'SEV4', null] as const)[Math.floor(next() * 5)] ?? null,
    kind: (['incident', 'drill', 'near-miss'] as const)[Math.floor(next() * 3)],
    services: pick(SERVICES),
    factors: pick(FACTORS).map((category) => ({ id: category, category, text: '' })),
    postmortemStatus: (['none', 'draft', 'final'] as const)[Math.floor(next() * 3)] ?? 'none',
    postmortemFinalAt: startedAt + 30 * HOUR,
    rootCause: { summary: '' },
    ...(next() < 0.5
      ? {
          items: {
            total: 3,
            done: 1,
            onTime: 1,
            notDoneSince: [startedAt + HOUR, startedAt + 2 * HOUR],
            latest: startedAt + 2 * HOUR,
          },
        }
      : {}),
  }
}

/** Everything the table says of each row, in row order (ids in place of summaries). */
function contents(table: MetricsTable) {
  const lists = (key: 'services' | 'factors' | 'notDoneSince') =>
    table.ids.map((_, row) => {
      const values: number[] = []
      eachOf(table[key], row, (value) => values.push(value))
      return values
    })
  const duration = (key: 'detect' | 'mitigate' | 'resolve') => ({
    values: [...table[key].values],
    // Rows of equal durations may come in either order: their values may not.
    inOrder: [...table[key].order].map((row) => table[key].values[row]),
    rows: [...table[key].order].sort((a, b) => a - b),
  })
  return {
    ids: table.ids,
    columns: (
      [
        'startedAt',
        'severity',
        'kind',
        'resolvedAt',
        'finalAt',
        'noPostmortem',
        'itemsTotal',
        'itemsDone',
        'itemsOnTime',
      ] as const
    ).map((key) => [key, [...table[key]]]),
    detect: duration('detect'),
    mitigate: duration('mitigate'),
    resolve: duration('resolve'),
    services: lists('services'),
    factors: lists('factors'),
    notDoneSince: lists('notDoneSince'),
    serviceChoices: table.serviceChoices,
  }
}

/** The ids of the summaries that differ between `a` and `b`: changed, added or taken out. */
function changedIds(a: readonly IncidentSummary[], b: readonly IncidentSummary[]): Set<string> {
  const before = new Map(a.map((i) => [i.id, i]))
  const after = new Map(b.map((i) => [i.id, i]))
  const ids = new Set<string>()
  for (const [id, i] of after) if (before.get(id) !== i) ids.add(id)
  for (const id of before.keys()) if (!after.has(id)) ids.add(id)
  return ids
}

describe('patchTable', () => {
  it('patches the table after changes to exactly what making it whole gives', () => {
    const next = random(7)
    const id = (n: number) => `i${String(n).padStart(5, '0')}`
    let list = Array.from({ length: 400 }, (_, n) => summary(id(n), next))
    let table = buildTable(list)
    for (let step = 0; step < 40; step++) {
      const changed = list.flatMap((i) => {
        const roll = next()
        if (roll < 0.03) return [] // taken out (cleared)
        if (roll < 0.08) return [summary(i.id, next)] // changed: a new summary, the same id
        if (roll < 0.1) return [i, summary(`${i.id}-${step}`, next)] // added beside it
        return [i]
      })
      // Now and then the summaries in another order altogether.
      const ids = changedIds(list, changed)
      list = step % 10 === 9 ? changed.reverse() : changed
      // Handed every summary: only those of the changed ids are read.
      table = patchTable(table, ids, step % 2 ? list : list.filter((i) => ids.has(i.id)))
      expect(contents(table)).toEqual(contents(buildTable(list)))
    }
    // Nothing changed: the same table.
    expect(patchTable(table, new Set(), [])).toBe(table)
  })

  it('packs its lists when more of their values belong to no row than there are rows', () => {
    const next = random(11)
    let list = Array.from({ length: 50 }, (_, n) => summary(`a${n}`, next))
    let table = buildTable(list)
    for (let step = 0; step < 5; step++) {
      const again = list.map((i) => summary(i.id, next))
      table = patchTable(table, changedIds(list, again), again)
      list = again
      expect(table.unused).toBeLessThanOrEqual(table.ids.length)
      expect(contents(table)).toEqual(contents(buildTable(list)))
    }
  })
})

describe('a period on a patched table', () => {
  /** Open items for some of `list`'s incidents, drawn from `next`. */
  const itemsOf = (list: readonly IncidentSummary[], next: () => number) =>
    list.flatMap((i) =>
      next() < 0.3
        ? [
            {
              id: `${i.id}-item`,
              incidentId: i.id,
              status: 'open',
              dueAt: i.startedAt,
            } as ActionItem,
          ]
        : [],
    )
  const scopes: [string, (now: number) => MetricsScope][] = [
    ['all time (it ends now)', (now) => ({ from: 0, to: now + 1, kinds: ['incident'] })],
    [
      'a window, drills counted',
      () => ({ from: T0 - 900 * HOUR, to: T0 - 300 * HOUR, kinds: ['incident', 'drill'] }),
    ],
    [
      'a window moving an hour at each look',
      (now) => ({
        from: T0 - 1000 * HOUR + (now - T0) * 60,
        to: T0 - 400 * HOUR + (now - T0) * 60,
        kinds: ['incident'],
      }),
    ],
    ['one severity', (now) => ({ from: 0, to: now + 1, kinds: ['incident'], severity: 'SEV2' })],
    ['one service', (now) => ({ from: 0, to: now + 1, kinds: ['incident'], service: 'db' })],
  ]

  it.each(scopes)(
    'is worked out from the last one to exactly what a whole table gives: %s',
    (_, scopeAt) => {
      const next = random(23)
      const id = (n: number) => `p${String(n).padStart(5, '0')}`
      let list = Array.from({ length: 300 }, (_, n) => summary(id(n), next))
      let items = itemsOf(list, next)
      let table = buildTable(list)
      let open = openItemsOf(items)
      for (let step = 0; step < 30; step++) {
        const now = T0 + step * MINUTE
        const ctx = { now, zone: 'UTC', settings: DEFAULT_SETTINGS }
        const facts = periodFacts(table, open, scopeAt(now), ctx)
        expect(facts).toEqual(periodFacts(buildTable(list), openItemsOf(items), scopeAt(now), ctx))
        // A few changed, added or taken out (a new incident starts now, an old one is edited).
        const changed = list.flatMap((i) => {
          const roll = next()
          if (roll < 0.01) return []
          if (roll < 0.03) return [summary(i.id, next)]
          if (roll < 0.04) return [i, { ...summary(`${i.id}-${step}`, next), startedAt: now }]
          return [i]
        })
        const ids = changedIds(list, changed)
        list = changed
        items = [
          ...items.filter((item) => !ids.has(item.incidentId)),
          ...itemsOf(
            list.filter((i) => ids.has(i.id)),
            next,
          ),
        ]
        table = patchTable(table, ids, list)
        open = patchOpenItems(open, ids, items)
      }
    },
  )

  it('works out again only the groups a new incident falls in', () => {
    const next = random(5)
    const list = Array.from({ length: 200 }, (_, n) => summary(`g${n}`, next))
    const table = buildTable(list)
    const open = openItemsOf([])
    const all = (now: number): MetricsScope => ({ from: 0, to: now + 1, kinds: ['incident'] })
    const ctx = { now: T0, zone: 'UTC', settings: DEFAULT_SETTINGS }
    const before = periodFacts(table, open, all(T0), ctx)
    const added: IncidentSummary = {
      ...summary('new', next),
      status: 'resolved',
      kind: 'incident',
      startedAt: T0,
      detectedAt: T0 + MINUTE,
      mitigatedAt: T0 + 2 * MINUTE,
      resolvedAt: T0 + 3 * MINUTE,
      severity: 'SEV1',
      services: ['db'],
    }
    const patched = patchTable(table, new Set(['new']), [added])
    const after = periodFacts(patched, open, all(T0 + MINUTE), { ...ctx, now: T0 + MINUTE })
    const group = (facts: typeof before, kind: 'bySeverity' | 'byService', name: string) =>
      facts.durations.resolve[kind].find((g) => g.group === name)?.distribution
    // Its own groups count it; the others are the very ones worked out before.
    expect(group(after, 'bySeverity', 'SEV1')?.count).toBe(
      (group(before, 'bySeverity', 'SEV1')?.count ?? 0) + 1,
    )
    expect(group(after, 'byService', 'db')?.count).toBe(
      (group(before, 'byService', 'db')?.count ?? 0) + 1,
    )
    expect(group(after, 'bySeverity', 'SEV3')).toBe(group(before, 'bySeverity', 'SEV3'))
    expect(group(after, 'byService', 'api')).toBe(group(before, 'byService', 'api'))
    expect(after.durations.resolve.all?.count).toBe((before.durations.resolve.all?.count ?? 0) + 1)
    // The new one resolved later: taken out of its groups and put back, the others kept.
    const later = { ...added, resolvedAt: T0 + 9 * MINUTE }
    const edited = patchTable(patched, new Set(['new']), [later])
    const again = periodFacts(edited, open, all(T0 + 2 * MINUTE), { ...ctx, now: T0 + 2 * MINUTE })
    expect(group(again, 'byService', 'db')?.count).toBe(group(after, 'byService', 'db')?.count)
    expect(group(again, 'byService', 'db')?.max).toBe(
      Math.max(9 * MINUTE, group(after, 'byService', 'db')?.max ?? 0),
    )
    expect(group(again, 'bySeverity', 'SEV3')).toBe(group(before, 'bySeverity', 'SEV3'))
    expect(again).toEqual(
      periodFacts(buildTable([...list, later]), open, all(T0 + 2 * MINUTE), ctx),
    )
  })
})

describe('a saved table', () => {
  it('is the same table once restored, its names numbered as they are numbered here', () => {
    const next = random(3)
    const list = Array.from({ length: 100 }, (_, n) => summary(`s${n}`, next))
    const table = buildTable(list)
    const saved = structuredClone(savedTable(table))
    expect(contents(restoredTable(saved) as MetricsTable)).toEqual(contents(table))
    // Saved by a process that numbered its services the other way round.
    const names = saved.services.toReversed()
    const other = {
      ...saved,
      services: names,
      table: {
        ...saved.table,
        services: {
          ...saved.table.services,
          values: saved.table.services.values.map((n) =>
            names.indexOf(serviceNames.names[n] as string),
          ),
        },
      },
    }
    expect(contents(restoredTable(other) as MetricsTable)).toEqual(contents(table))
  })

  it('is not taken when a column is not as long as its rows', () => {
    const next = random(5)
    const saved = savedTable(buildTable([summary('x', next), summary('y', next)]))
    const cut = { ...saved, table: { ...saved.table, resolvedAt: new Float64Array(1) } }
    expect(restoredTable(cut)).toBeNull()
  })
})

describe('open items', () => {
  const item = (
    id: string,
    incidentId: string,
    status: ActionItem['status'],
    dueAt: number | null,
  ) => ({ id, incidentId, status, dueAt }) as ActionItem
  /** The items in due order, as Metrics lists them. */
  const listed = (open: OpenItems) =>
    dueOrder(open).map((at) => [open.ids[at], open.incidentIds[at], open.dueAt[at]])

  it('are patched with the items of the incidents changed, to what reading them all gives', () => {
    const before = [
      item('a1', 'a', 'open', 3),
      item('a2', 'a', 'done', 1),
      item('b1', 'b', 'open', null),
      item('c1', 'c', 'open', 3),
    ]
    const open = openItemsOf(before)
    // a's open item done, b given a new one due first, c unchanged.
    const after = [
      item('a1', 'a', 'done', 3),
      item('a2', 'a', 'done', 1),
      item('b1', 'b', 'open', null),
      item('b2', 'b', 'open', 1),
      item('c1', 'c', 'open', 3),
    ]
    const patched = patchOpenItems(
      open,
      new Set(['a', 'b']),
      after.filter((i) => i.incidentId !== 'c'),
    )
    expect(listed(patched)).toEqual(listed(openItemsOf(after)))
    expect(listed(patched).map(([id]) => id)).toEqual(['b2', 'c1', 'b1'])
  })

  it('stay the same list when none of the changed incidents had or has an open item', () => {
    const open = openItemsOf([item('a1', 'a', 'open', 3)])
    expect(patchOpenItems(open, new Set(['z']), [item('z1', 'z', 'done', 1)])).toBe(open)
  })
})
