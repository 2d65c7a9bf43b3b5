import { describe, expect, it } from 'vitest'
import { newActionItem } from './action-items'
import { summarizeWith } from './summary'
import {
  distribution,
  periodFacts,
  periodMetrics,
  responseDurations,
  type MetricsScope,
} from './metrics'
import { buildTable, openItemsOf } from './metrics-table'
import type { ActionItem, Incident } from './model'
import { DEFAULT_SETTINGS } from './settings'
import { IncidentLog, T0 } from './test-helpers'
import { DAY, HOUR, MINUTE } from './time'

/** An incident as stored, started at `startedAt` and shaped by `over`. */
function incident(id: string, startedAt: number, over: Partial<Incident> = {}): Incident {
  return {
    ...new IncidentLog(id, { now: startedAt, title: id }).incident,
    startedAt,
    detectedAt: startedAt + 5 * MINUTE,
    severity: 'SEV2',
    ...over,
  }
}
/** Users back `minutes` after impact started, resolved twice as long after. */
const mitigatedAfter = (at: number, minutes: number) => ({
  status: 'resolved' as const,
  mitigatedAt: at + minutes * MINUTE,
  resolvedAt: at + 2 * minutes * MINUTE,
})

const Q3 = { from: Date.UTC(2026, 6, 1), to: Date.UTC(2026, 9, 1) }
const scope = (over: Partial<MetricsScope> = {}): MetricsScope => ({
  ...Q3,
  kinds: ['incident'],
  ...over,
})
const ctx = { now: T0, zone: 'UTC', settings: DEFAULT_SETTINGS }

describe('distribution', () => {
  it('gives the median, p90 and range, and keeps every value as a dot', () => {
    const d = distribution([3, 1, 10, 2, 9, 4, 8, 5, 7, 6])
    expect(d).toMatchObject({ count: 10, median: 5.5, min: 1, max: 10 })
    expect(d?.p90).toBeCloseTo(9.1)
    expect([...(d?.values ?? [])]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    // Numbers, not strings: 10 after 9.
    expect([...(distribution([100, 9, 20])?.values ?? [])]).toEqual([9, 20, 100])
    expect(distribution([])).toBeNull()
    expect(distribution([7])).toMatchObject({ median: 7, p90: 7 })
  })
})

describe('periodMetrics', () => {
  it('counts incidents by when impact started, so a back-filled one lands in its own quarter', () => {
    const backfilled = incident('old', Date.UTC(2026, 7, 3, 9), { openedAt: T0 })
    const enteredInQ3 = incident('new', Date.UTC(2026, 9, 2), { openedAt: Date.UTC(2026, 8, 1) })
    const m = periodMetrics([backfilled, enteredInQ3], [], scope(), ctx)
    expect(m.incidents.map((i) => i.id)).toEqual(['old'])
  })

  it('counts an incident started at the first moment of the period, not one at the next period’s', () => {
    const all = [
      incident('before', Q3.from - 1),
      incident('first', Q3.from),
      incident('last', Q3.to - 1),
      incident('next', Q3.to),
    ]
    // In any order: the list is kept in the order impact started.
    for (const list of [all, [...all].reverse()])
      expect(periodMetrics(list, [], scope(), ctx).incidents.map((i) => i.id)).toEqual([
        'first',
        'last',
      ])
    const empty = periodMetrics(all, [], scope({ from: Q3.to, to: Q3.to }), ctx)
    expect(empty.incidents).toEqual([])
    expect(empty.buckets).toEqual([])
  })

  it('narrows to one severity or one service when asked', () => {
    const at = Date.UTC(2026, 7, 10)
    const all = [
      incident('db-1', at, { severity: 'SEV1', services: ['db'] }),
      incident('api-1', at + 1, { severity: 'SEV1', services: ['api', 'edge'] }),
      incident('db-3', at + 2, { severity: 'SEV3', services: ['db', 'edge'] }),
      incident('none', at + 3, { severity: null, services: [] }),
    ]
    const ids = (over: Partial<MetricsScope>) =>
      periodMetrics(all, [], scope(over), ctx).incidents.map((i) => i.id)
    expect(ids({ severity: 'SEV1' })).toEqual(['db-1', 'api-1'])
    expect(ids({ service: 'edge' })).toEqual(['api-1', 'db-3'])
    expect(ids({ severity: 'SEV3', service: 'db' })).toEqual(['db-3'])
    expect(ids({ service: 'nowhere' })).toEqual([])
    const db = periodMetrics(all, [], scope({ service: 'db' }), ctx)
    // What the period counts is what was chosen: its tallies and durations too.
    expect(db.services).toEqual([
      { name: 'db', count: 2 },
      { name: 'edge', count: 1 },
    ])
    expect(db.durations.detect.bySeverity.map((g) => g.group)).toEqual(['SEV1', 'SEV3'])
  })

  it('leaves drills, near misses and the trash out by default, and says how many there were', () => {
    const at = Date.UTC(2026, 7, 10)
    const all = [
      incident('real', at),
      incident('drill', at, { kind: 'drill' }),
      incident('near', at, { kind: 'near-miss' }),
      incident('gone', at, { status: 'deleted' }),
    ]
    const m = periodMetrics(all, [], scope(), ctx)
    expect(m.incidents.map((i) => i.id)).toEqual(['real'])
    expect(m.practice).toEqual({ drills: 1, nearMisses: 1 })
    const withDrills = periodMetrics(all, [], scope({ kinds: ['incident', 'drill'] }), ctx)
    expect(withDrills.incidents.map((i) => i.id).sort()).toEqual(['drill', 'real'])
  })

  it('shows each duration as a distribution by severity and by service', () => {
    const at = Date.UTC(2026, 7, 10)
    const all = [
      incident('a', at, { services: ['checkout'], ...mitigatedAfter(at, 10) }),
      incident('b', at, { services: ['checkout', 'auth'], ...mitigatedAfter(at, 30) }),
      incident('c', at, { severity: 'SEV1', services: ['auth'], ...mitigatedAfter(at, 60) }),
      // Still open: it has a time to detect, and no time to mitigate yet.
      incident('d', at, { severity: null }),
    ]
    const { mitigate, detect } = periodMetrics(all, [], scope(), ctx).durations
    expect(detect.all?.count).toBe(4)
    expect(mitigate.all).toMatchObject({ count: 3, median: 30 * MINUTE, max: 60 * MINUTE })
    expect(mitigate.bySeverity.map((g) => [g.group, g.distribution.median])).toEqual([
      ['SEV1', 60 * MINUTE],
      ['SEV2', 20 * MINUTE],
    ])
    expect(detect.bySeverity.map((g) => g.group)).toEqual(['SEV1', 'SEV2', 'Unclassified'])
    expect(mitigate.byService.map((g) => [g.group, g.distribution.count])).toEqual([
      ['auth', 2],
      ['checkout', 2],
    ])
    expect(responseDurations(all[0] as Incident).timeToResolve).toBe(20 * MINUTE)
  })

  it('fills every group smallest first, whatever order the incidents come in', () => {
    const at = Date.UTC(2026, 7, 10)
    const services = ['checkout', 'auth', 'search']
    const severities = ['SEV1', 'SEV2', 'SEV3', null] as const
    // Many ties; minutes that are not whole; one time to mitigate below zero (a hand-made file).
    const many = (minutes: (n: number) => number) =>
      Array.from({ length: 300 }, (_, n) =>
        incident(`i${n}`, at + (n % 17) * MINUTE, {
          severity: severities[n % 4],
          services: services.filter((_, k) => (n >> k) % 2 === 1),
          ...mitigatedAfter(at + (n % 17) * MINUTE, minutes(n)),
        }),
      )
    const sorted = (values: number[]) => Float64Array.from(values).sort()
    for (const minutes of [
      (n: number) => (n * 37) % 101,
      (n: number) => ((n * 37) % 101) / 7 - 2,
    ]) {
      const all = many(minutes)
      const { mitigate } = periodMetrics(all, [], scope(), ctx).durations
      const of = (kept: Incident[]) =>
        sorted(kept.map((i) => (i.mitigatedAt as number) - i.startedAt))
      expect(mitigate.all?.values).toEqual(of(all))
      for (const { group, distribution } of mitigate.bySeverity)
        expect(distribution.values).toEqual(
          of(all.filter((i) => (i.severity ?? 'Unclassified') === group)),
        )
      for (const { group, distribution } of mitigate.byService)
        expect(distribution.values).toEqual(of(all.filter((i) => i.services.includes(group))))
      expect(mitigate.byService).toHaveLength(3)
    }
  })

  it('counts incidents per week in the user’s time zone, quiet weeks included', () => {
    // Monday 7 Sep 2026, 00:30 in Berlin is still Sunday in UTC.
    const mondayBerlin = Date.UTC(2026, 8, 6, 22, 30)
    const all = [
      incident('a', mondayBerlin),
      incident('b', Date.UTC(2026, 8, 22), { severity: 'SEV1' }),
    ]
    const berlin = periodMetrics(all, [], scope(), { ...ctx, zone: 'Europe/Berlin' })
    expect(berlin.unit).toBe('week')
    expect(berlin.buckets.map((b) => [b.label, b.counts.SEV2, b.counts.SEV1])).toEqual([
      ['7 Sep 2026', 1, 0],
      ['14 Sep 2026', 0, 0],
      ['21 Sep 2026', 0, 1],
      ['28 Sep 2026', 0, 0],
    ])
    const utc = periodMetrics(all, [], scope(), ctx)
    expect(utc.buckets[0]?.label).toBe('31 Aug 2026')
    const year = periodMetrics(
      all,
      [],
      scope({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2027, 0, 1) }),
      ctx,
    )
    expect(year.unit).toBe('month')
    expect(year.buckets.map((b) => b.label)).toEqual(['Sep 2026', 'Oct 2026', 'Nov 2026'])
  })

  it('says which post-mortems were final within the deadline, late, or still in time', () => {
    const at = Date.UTC(2026, 8, 1)
    const done = { status: 'resolved' as const, resolvedAt: at + HOUR }
    const all = [
      incident('on-time', at, {
        ...done,
        postmortemStatus: 'final',
        postmortemFinalAt: at + 20 * HOUR,
      }),
      incident('late', at, {
        ...done,
        postmortemStatus: 'final',
        postmortemFinalAt: at + 60 * HOUR,
      }),
      incident('never', at, { ...done, postmortemStatus: 'draft' }),
      incident('fresh', at, { ...done, resolvedAt: T0 - HOUR }),
      // SEV4 needs none, and has none: not counted against anyone.
      incident('small', at, { ...done, severity: 'SEV4' }),
      incident('open', at),
    ]
    expect(periodMetrics(all, [], scope(), ctx).postmortems).toEqual({
      counted: 4,
      onTime: 1,
      late: 2,
      pending: 1,
      deadlineHours: 48,
    })
  })

  it('lists overdue action items longest first, and keeps the two-week rule, for the period only', () => {
    const at = Date.UTC(2026, 8, 1)
    const a = incident('a', at, { status: 'resolved', resolvedAt: at })
    const outside = incident('z', Date.UTC(2026, 0, 5))
    const item = (id: string, of: Incident, over: Partial<ActionItem>): ActionItem => ({
      ...newActionItem({ title: id }, of, { id, now: at }),
      ...over,
    })
    const items = [
      item('late', a, { dueAt: T0 - 10 * DAY }),
      item('later', a, { dueAt: T0 - 30 * DAY }),
      item('done', a, { status: 'done', doneAt: at + 3 * DAY }),
      item('not-ours', outside, { dueAt: T0 - 90 * DAY }),
    ]
    // As the database keeps them: each summary with its items' digest.
    const all = [a, outside].map((i) =>
      summarizeWith(
        i,
        items.filter((item) => item.incidentId === i.id),
      ),
    )
    // The same incidents before any item was open (Metrics keeps what it worked out per list).
    expect(periodMetrics(all, [], scope(), ctx).actionItems.overdue).toEqual([])
    const { actionItems } = periodMetrics(all, items, scope(), ctx)
    expect(actionItems.overdue.map((o) => [o.item.id, o.age / DAY])).toEqual([
      ['later', 30],
      ['late', 10],
    ])
    expect(actionItems).toMatchObject({ total: 3, open: 2, twoWeeks: { counted: 3, onTime: 1 } })
    // Soonest due first, for the report.
    expect(actionItems.openItems.map((i) => i.id)).toEqual(['later', 'late'])
  })

  it('tallies factor categories and services, most frequent first', () => {
    const at = Date.UTC(2026, 8, 1)
    const factor = (category: string) => ({ id: category, category, text: '' })
    const m = periodMetrics(
      [
        incident('a', at, {
          services: ['db'],
          factors: [factor('Detection gap'), factor('Change')],
        }),
        incident('b', at, { services: ['db', 'api'], factors: [factor('Change')] }),
      ],
      [],
      scope(),
      ctx,
    )
    expect(m.factors).toEqual([
      { name: 'Change', count: 2 },
      { name: 'Detection gap', count: 1 },
    ])
    expect(m.services).toEqual([
      { name: 'db', count: 2 },
      { name: 'api', count: 1 },
    ])
  })

  it('counts an incident read again after a change as it is now, not as it was', () => {
    const at = Date.UTC(2026, 8, 1)
    const before = incident('a', at, {
      services: ['db'],
      severity: 'SEV2',
      ...mitigatedAfter(at, 30),
    })
    const first = periodMetrics([before], [], scope(), ctx)
    expect(first.services).toEqual([{ name: 'db', count: 1 }])
    // The same incident, read again after it changed (a new summary, the same id).
    const after = {
      ...before,
      services: ['api'],
      severity: 'SEV1' as const,
      ...mitigatedAfter(at, 90),
    }
    const again = periodMetrics([after], [], scope(), ctx)
    expect(again.services).toEqual([{ name: 'api', count: 1 }])
    expect(again.durations.mitigate.bySeverity.map((g) => g.group)).toEqual(['SEV1'])
    expect(again.durations.mitigate.all?.median).toBe(90 * MINUTE)
    expect(again.durations.mitigate.byService.map((g) => g.group)).toEqual(['api'])
  })
})

describe('periodFacts', () => {
  it('reuses a period’s rows on a table nothing changed, and works them out for another period', () => {
    const summaries = [
      incident('a', Date.UTC(2026, 7, 3), { ...mitigatedAfter(Date.UTC(2026, 7, 3), 30) }),
      incident('b', Date.UTC(2026, 7, 9), {
        ...mitigatedAfter(Date.UTC(2026, 7, 9), 90),
        severity: 'SEV1',
        services: ['checkout'],
      }),
      incident('c', Date.UTC(2026, 8, 20), { ...mitigatedAfter(Date.UTC(2026, 8, 20), 10) }),
    ].map((i) => summarizeWith(i, []))
    const table = buildTable(summaries)
    const open = openItemsOf([])
    const look = (over: Partial<MetricsScope>, at = ctx) =>
      periodFacts(table, open, scope(over), at)
    const first = look({})
    // Shown again (now later: "all" ends now): the same rows, their durations not made again.
    const again = look({ to: Q3.to + DAY }, { ...ctx, now: ctx.now + HOUR })
    expect(again.durations).toBe(first.durations)
    expect(again.ids).toEqual(first.ids)
    // Another period, severity or service: its own rows, equal to a table made for it alone.
    for (const over of [
      { from: Date.UTC(2026, 8, 1) },
      { severity: 'SEV1' as const },
      { service: 'checkout' },
    ]) {
      const other = look(over)
      expect(other.durations).not.toBe(first.durations)
      expect(other).toEqual(periodFacts(buildTable(summaries), open, scope(over), ctx))
    }
    expect(look({}).durations.mitigate.all?.count).toBe(3)
  })
})
