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
