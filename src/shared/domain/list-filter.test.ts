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
  expect(matchesFilter(sev1, { ...NO_FILTER, severity: 'SEV1' })).toBe(true)
  expect(matchesFilter(sev1, { ...NO_FILTER, severity: 'SEV2' })).toBe(false)
  expect(matchesFilter(sev1, { ...NO_FILTER, phase: 'mitigate' })).toBe(true)
  expect(matchesFilter(sev1, { ...NO_FILTER, phase: 'triage' })).toBe(false)
  expect(matchesFilter(sev1, { ...NO_FILTER, status: 'open' })).toBe(true)
  expect(matchesFilter(sev1, { ...NO_FILTER, service: 'CHECKOUT' })).toBe(true)
  expect(matchesFilter(sev1, { ...NO_FILTER, service: 'checkouts' })).toBe(false)
  const all = { ...NO_FILTER, severity: 'SEV1', phase: 'mitigate', service: 'checkout' } as const
  expect(matchesFilter(sev1, all)).toBe(true)
  // One part that does not match is enough to leave it out.
  expect(matchesFilter(sev1, { ...all, severity: 'SEV2' })).toBe(false)
  expect(matchesFilter(sev1, { ...all, phase: 'fix' })).toBe(false)
})
