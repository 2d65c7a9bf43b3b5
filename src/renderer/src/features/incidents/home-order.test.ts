import type { Incident } from '@shared/domain/model'
import type { IncidentSummary } from '@shared/domain/summary'
import { expect, it } from 'vitest'
import { homeList, homeRowOf, sortForHome } from './home-order'

type Row = Pick<Incident, 'id' | 'status' | 'severity' | 'updatedAt'>

const STATUS = { active: 0, resolved: 1, closed: 2, deleted: 3 } as const
const SEVERITY = { SEV1: 0, SEV2: 1, SEV3: 2, SEV4: 3 } as const

/** The order as the list states it, compared pair by pair (a stable sort: ties keep their order). */
const reference = (rows: Row[]) =>
  [...rows].sort(
    (a, b) =>
      STATUS[a.status] - STATUS[b.status] ||
      (a.status === 'active'
        ? (a.severity ? SEVERITY[a.severity] : 4) - (b.severity ? SEVERITY[b.severity] : 4)
        : 0) ||
      b.updatedAt - a.updatedAt,
  )

function rows(count: number, seed: number): Row[] {
  let s = seed
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const statuses = ['active', 'resolved', 'closed', 'closed', 'deleted'] as const
  const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4', null] as const
  return Array.from({ length: count }, (_, n) => ({
    id: `i${n}`,
    status: statuses[Math.floor(next() * statuses.length)]!,
    severity: severities[Math.floor(next() * severities.length)]!,
    // Few distinct times, a second or so apart: many ties, which keep the order they came in.
    updatedAt: Date.UTC(2026, 0, 1) + Math.floor(next() * 50) * 1234,
  }))
}

it('orders the list: active by severity then most recent, then resolved, closed, deleted', () => {
  for (const seed of [1, 2, 3]) {
    const list = rows(3000, seed)
    const want = reference(list).map((r) => r.id)
    expect(sortForHome(list).map((r) => r.id)).toEqual(want)
    // The same order where too many incidents to pack compare pair by pair.
    expect(sortForHome(list, 100).map((r) => r.id)).toEqual(want)
  }
})

it('keeps times before 1970 and after 2109 in order at the ends', () => {
  const list: Row[] = [
    { id: 'late', status: 'closed', severity: null, updatedAt: 2 ** 43 },
    { id: 'early', status: 'closed', severity: null, updatedAt: -5 },
    { id: 'now', status: 'closed', severity: null, updatedAt: Date.UTC(2026, 0, 1) },
  ]
  expect(sortForHome(list).map((r) => r.id)).toEqual(['late', 'now', 'early'])
})

it('shows the live first page over the whole list read a moment before: changed, new and deleted', () => {
  const summary = (id: string, over: Partial<IncidentSummary> = {}) =>
    ({ id, status: 'closed', severity: null, updatedAt: 100, ...over }) as IncidentSummary
  // The whole list, in key order, as the summaries reader hands it over.
  const all = [summary('a'), summary('b', { updatedAt: 200 }), summary('c'), summary('d')]
  const fresh = [
    summary('b', { status: 'active', severity: 'SEV1', updatedAt: 300 }), // changed since
    summary('bb', { status: 'active', updatedAt: 250 }), // new since
    summary('c', { status: 'deleted', updatedAt: 300 }), // moved to the trash since
  ]
  const list = homeList(all, fresh)
  expect(list.map((i) => i.id)).toEqual(['b', 'bb', 'a', 'd'])
  expect(list[0]).toBe(fresh[0])
  // Before the whole list is read: the first page alone; with no first page: the whole list.
  expect(homeList(undefined, fresh).map((i) => i.id)).toEqual(['b', 'bb'])
  expect(homeList(all, undefined).map((i) => i.id)).toEqual(['b', 'a', 'c', 'd'])
  // A search's matches are looked up by id: the same rows, none from the trash.
  const rowOf = homeRowOf(all, fresh)
  expect(['b', 'bb', 'a', 'c', 'd', 'e'].map(rowOf)).toEqual([
    fresh[0],
    fresh[1],
    all[0],
    undefined,
    all[3],
    undefined,
  ])
  expect(homeRowOf(undefined, fresh)('a')).toBeUndefined()
  expect(homeRowOf(all, undefined)('c')).toBe(all[2])
})

it('orders the list as a whole sort would after changes, from the order it had (patched)', () => {
  const byId = (a: Row, b: Row) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const whole = (all: Row[], fresh: Row[]) => {
    const merged = new Map(all.map((i) => [i.id, i]))
    for (const i of fresh) merged.set(i.id, i)
    return sortForHome([...merged.values()].sort(byId))
      .filter((i) => i.status !== 'deleted')
      .map((i) => i.id)
  }
  let all = rows(3000, 7).sort(byId)
  const more = rows(3000, 8)
  expect(homeList(all as IncidentSummary[], undefined).map((i) => i.id)).toEqual(whole(all, []))
  for (let step = 0; step < 12; step++) {
    const next = more.slice(step * 40, step * 40 + 40)
    // A few changed (another status or time), a few gone for good, a few new; once, every one.
    all = all
      .flatMap((i, n): Row[] =>
        step === 6
          ? [{ ...i }]
          : n % 97 === step
            ? []
            : n % 89 === step
              ? [{ ...i, ...next[n % 40], id: i.id }]
              : n % 83 === step
                ? [i, { ...next[n % 40]!, id: `${i.id}-${step}` }]
                : [i],
      )
      .sort(byId)
    // The live first page: copies of a few, one of them new.
    const fresh = [
      { ...all[5]!, updatedAt: 1 },
      { ...all[9]!, status: 'active' as const },
    ]
    fresh.push({ ...fresh[0]!, id: `new-${step}` })
    const list = homeList(all as IncidentSummary[], fresh as IncidentSummary[])
    expect(list.map((i) => i.id)).toEqual(whole(all, fresh))
    // Each row found by its id is the row the list shows; every other id finds none.
    const rowOf = homeRowOf(all as IncidentSummary[], fresh as IncidentSummary[])
    for (const row of list) expect(rowOf(row.id)).toBe(row)
    const shown = new Set(list.map((i) => i.id))
    for (const { id } of [...all, ...fresh, { id: 'none' }])
      if (!shown.has(id)) expect(rowOf(id)).toBeUndefined()
  }
})
