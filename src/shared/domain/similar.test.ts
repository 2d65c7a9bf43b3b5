import { describe, expect, it } from 'vitest'
import type { Incident } from './model'
import { likelyDuplicate, prepareCandidates, similarIncidents } from './similar'
import { IncidentLog, T0 } from './test-helpers'

const HOUR = 3_600_000
const make = (id: string, over: Partial<Incident>): Incident => ({
  ...new IncidentLog(id, { now: T0, title: '' }).incident,
  ...over,
})

// A small labelled set: which past incidents a person would call similar to the new one.
const past = [
  make('same-service-and-error', {
    title: 'Checkout 502 after deploy',
    services: ['checkout'],
    statusCodes: ['502'],
    errorMessages: 'upstream connect error or disconnect/reset before headers',
    status: 'resolved',
  }),
  make('same-endpoint', {
    title: 'Orders failing',
    endpoints: ['POST /api/checkout'],
    status: 'resolved',
  }),
  make('similar-words', {
    title: 'Payment page returns gateway errors',
    symptoms: 'customers see gateway errors on checkout payment',
    status: 'closed',
  }),
  make('unrelated', {
    title: 'Nightly report email missing',
    services: ['reports'],
    statusCodes: ['200'],
    status: 'resolved',
  }),
  make('deleted', { title: 'Checkout 502', services: ['checkout'], status: 'deleted' }),
]

const current = make('new', {
  title: 'Checkout returns 502 at payment',
  symptoms: 'gateway errors on checkout payment',
  services: ['Checkout'],
  statusCodes: ['502'],
  endpoints: ['POST /api/checkout'],
  errorMessages: 'upstream connect error or disconnect/reset before headers. retried',
})

describe('similar incidents', () => {
  it('finds the ones a person would, best first, never itself, never the trash', () => {
    const found = similarIncidents(current, prepareCandidates([current, ...past]))
    const ids = found.map((s) => s.incident.id)
    expect(ids[0]).toBe('same-service-and-error')
    expect([...ids].sort()).toEqual(['same-endpoint', 'same-service-and-error', 'similar-words'])
    expect(found[0]?.reasons).toEqual([
      'same service checkout',
      '502',
      'similar errors',
      'similar symptoms',
    ])
  })

  it('says nothing when nothing is alike', () => {
    expect(
      similarIncidents(make('x', { title: 'Disk full on builder' }), prepareCandidates(past)),
    ).toEqual([])
  })

  it('warns of a likely duplicate only for an open incident of the last hours', () => {
    const open = { ...past[0]!, id: 'open', status: 'active' as const, startedAt: T0 - HOUR }
    expect(likelyDuplicate(current, [open])?.incident.id).toBe('open')
    expect(likelyDuplicate(current, [{ ...open, startedAt: T0 - 8 * HOUR }])).toBeNull()
    expect(likelyDuplicate(current, [{ ...open, status: 'resolved' }])).toBeNull()
  })
})
