import { describe, expect, it } from 'vitest'
import { buildTable, eachOf, metricsTable, type MetricsTable } from './metrics-table'
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
    table.rows.map((_, row) => {
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
    ids: table.rows.map((i) => i.id),
    rowAt: [...table.rowAt],
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

describe('metricsTable', () => {
  it('patches the table after changes to exactly what making it whole gives', () => {
    const next = random(7)
    const id = (n: number) => `i${String(n).padStart(5, '0')}`
    // In id order, as a reader keeps them.
    let list = Array.from({ length: 400 }, (_, n) => summary(id(n), next))
    metricsTable(list)
    let patched = 0
    for (let step = 0; step < 40; step++) {
      const changed = list.flatMap((i) => {
        const roll = next()
        if (roll < 0.03) return [] // taken out (cleared)
        if (roll < 0.08) return [summary(i.id, next)] // changed: a new summary, the same id
        if (roll < 0.1) return [i, summary(`${i.id}-new`, next)] // added beside it
        return [i]
      })
      // Now and then a list in another order altogether.
      list = step % 10 === 9 ? changed.reverse() : changed
      const table = metricsTable(list)
      if (table.unused > 0) patched++
      expect(contents(table)).toEqual(contents(buildTable(list)))
    }
    // It was patched (a table made whole holds no unused values), not made whole each time.
    expect(patched).toBeGreaterThan(20)
    // The same list again: the same table.
    expect(metricsTable(list)).toBe(metricsTable(list))
  })

  it('is made whole when much has changed', () => {
    const next = random(11)
    const first = Array.from({ length: 50 }, (_, n) => summary(`a${n}`, next))
    metricsTable(first)
    const changed = first.map((i) => ({ ...i }))
    metricsTable(changed)
    const other = Array.from({ length: 3000 }, (_, n) => summary(`b${n}`, next))
    const table = metricsTable(other)
    expect(table.unused).toBe(0)
    expect(contents(table)).toEqual(contents(buildTable(other)))
  })
})
