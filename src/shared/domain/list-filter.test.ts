import { IncidentLog, T0 } from './test-helpers'
import type { Incident } from './model'
import { expect, it } from 'vitest'
import { NO_FILTER, filterTest, isFiltered, type ListFilter } from './list-filter'

const base = new IncidentLog().incident
const i = (over: Partial<Incident>): Incident => ({ ...base, ...over })
const matchesFilter = (incident: Incident, f: ListFilter) => filterTest(f)(incident)

it('narrows by status, service, tag, kind and start date; nothing set lets all through', () => {
  const drill = i({ kind: 'drill', services: ['Checkout'], tags: ['db'], status: 'resolved' })
  expect(matchesFilter(drill, NO_FILTER)).toBe(true)
  expect(isFiltered(NO_FILTER)).toBe(false)
  expect(matchesFilter(drill, { ...NO_FILTER, status: 'resolved' })).toBe(true)
  expect(matchesFilter(drill, { ...NO_FILTER, status: 'open' })).toBe(false)
  expect(matchesFilter(drill, { ...NO_FILTER, service: 'checkout' })).toBe(true)
  expect(matchesFilter(drill, { ...NO_FILTER, tag: 'DB' })).toBe(true)
  expect(matchesFilter(drill, { ...NO_FILTER, kind: 'incident' })).toBe(false)
  expect(matchesFilter(base, { ...NO_FILTER, kind: 'incident' })).toBe(true)
  expect(matchesFilter(drill, { ...NO_FILTER, since: T0 + 1 })).toBe(false)
  expect(isFiltered({ ...NO_FILTER, since: T0 })).toBe(true)
})

it('narrows by phase and severity, every part chosen at once, names in any case', () => {
  const sev1 = i({ severity: 'SEV1', phase: 'mitigate', services: ['Checkout'] })
  const all = { severity: 'SEV1', phase: 'mitigate', service: 'checkout' } as const
  const cases: [Partial<ListFilter>, boolean][] = [
    [{ severity: 'SEV1' }, true],
    [{ severity: 'SEV2' }, false],
    [{ phase: 'mitigate' }, true],
    [{ phase: 'triage' }, false],
    [{ status: 'open' }, true],
    [{ service: 'CHECKOUT' }, true],
    [{ service: 'checkouts' }, false],
    [all, true],
    // One part that does not match is enough to leave it out.
    [{ ...all, severity: 'SEV2' }, false],
    [{ ...all, phase: 'fix' }, false],
  ]
  for (const [part, kept] of cases)
    expect(matchesFilter(sev1, { ...NO_FILTER, ...part }), JSON.stringify(part)).toBe(kept)
})
