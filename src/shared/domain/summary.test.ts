import { expect, it } from 'vitest'
import { generateDataset } from '../../../bench/generate.mjs'
import { NO_FILTER, filterTest, type ListFilter } from './list-filter'
import { incidentTitle, type Incident } from './model'
import { listRow, summarize, summarizeWith } from './summary'
import { IncidentLog } from './test-helpers'

it("a list row shows, filters and counts as its incident's summary does", () => {
  const { incidents, actionItems } = generateDataset(400, { eventsPer: 1, bigEvents: 0 })
  const untitled = { ...(incidents[0] as Incident), title: ' ', symptoms: 'Checkout 502s\nmore' }
  const TAGS = [['db'], ['db', 'noisy'], ['Noisy']]
  const tagged = incidents.map((incident, n) => ({ ...incident, tags: TAGS[n % 4] }))
  const summaries = [...tagged, untitled].map((incident) =>
    summarizeWith(
      incident,
      actionItems.filter((item) => item.incidentId === incident.id),
    ),
  )
  const rows = summaries.map(listRow)
  const filters: Partial<ListFilter>[] = [
    { status: 'open' },
    { status: 'closed' },
    { phase: 'mitigate' },
    { severity: 'SEV2' },
    { kind: 'drill' },
    { tag: 'noisy' },
    { since: incidents[200]?.startedAt ?? 0 },
    ...summaries
      .slice(0, 20)
      .flatMap((s) => [{ service: s.services[0] ?? '' }, { tag: s.tags?.[0] ?? '' }]),
  ]
  for (const part of filters) {
    const test = filterTest({ ...NO_FILTER, ...part })
    const kept = rows.filter(test).map((r) => r.id)
    expect(kept, JSON.stringify(part)).toEqual(summaries.filter(test).map((s) => s.id))
  }
  rows.forEach((row, n) => {
    const summary = summaries[n]
    if (!summary) throw new Error('no summary')
    expect(incidentTitle(row)).toBe(incidentTitle(summary))
    expect(row.items).toEqual(summary.items)
    expect([row.startedAt, row.resolvedAt, row.updatedAt]).toEqual([
      summary.startedAt,
      summary.resolvedAt,
      summary.updatedAt,
    ])
  })
  expect(incidentTitle(rows.at(-1) as Incident)).toBe('Checkout 502s')
  // The dataset has items and services enough for the checks above to mean something.
  expect(rows.filter((r) => r.items).length).toBeGreaterThan(100)
})

it('keeps one copy of a list of names many incidents share, and no symptoms behind a title', () => {
  const base = new IncidentLog().incident
  const one = listRow(summarize({ ...base, services: ['api', 'db'], tags: [] }))
  const two = listRow(summarize({ ...base, services: ['api', 'db'], tags: [] }))
  const other = listRow(summarize({ ...base, services: ['api'], title: 'Queue stuck' }))
  expect(two.services).toBe(one.services)
  expect(two.tags).toBe(one.tags)
  expect(other.services).toEqual(['api'])
  expect(other.services).not.toBe(one.services)
  expect(other.symptoms).toBe('')
  // Names that would read the same joined are different lists.
  const joined = listRow(summarize({ ...base, services: ['api\ndb'] }))
  expect(joined.services).toEqual(['api\ndb'])
})
