import { IncidentLog, T0 } from '@shared/domain/test-helpers'
import type { Incident } from '@shared/domain/model'
import { describe, expect, it } from 'vitest'
import { IncidentSearch } from './search'

const incident = (id: string, over: Partial<Incident> = {}, updatedAt = T0): Incident => ({
  ...new IncidentLog(id, { now: T0, title: '' }).incident,
  updatedAt,
  ...over,
})

async function indexed(...incidents: Incident[]) {
  const search = new IncidentSearch()
  await search.sync(incidents, 2)
  return search
}

describe('incident search', () => {
  it('ranks a title match first, above the same word in a note or a cause', async () => {
    const search = await indexed(
      incident('note', {
        title: 'Slow pages',
        notes: [{ id: 'n', text: 'the checkout queue grew' }],
      }),
      incident('title', { title: 'Checkout returns 502' }),
      incident('cause', {
        title: 'Orders lost',
        rootCause: {
          ...new IncidentLog().incident.rootCause,
          mechanism: 'checkout retried forever',
        },
      }),
    )
    expect(search.search('checkout')[0]).toBe('title')
    expect(search.search('checkout').sort()).toEqual(['cause', 'note', 'title'])
  })

  it('answers a letter typed after a word from the answer before, until an incident changes', async () => {
    const search = await indexed(
      incident('a', { title: 'Checkout returns 502' }),
      incident('b', { title: 'Checkout slow' }),
    )
    expect(search.search('checkout')).toEqual(['b', 'a'])
    expect(search.search('checkout s')).toEqual(['b', 'a'])
    // Renamed: the same query, asked again, is answered from the index as it is now.
    await search.sync(
      [
        incident('a', { title: 'Payments return 502' }, T0 + 1),
        incident('b', { title: 'Checkout slow' }),
      ],
      2,
    )
    expect(search.search('checkout')).toEqual(['b'])
    expect(search.search('checkout s')).toEqual(['b'])
  })

  it('forgives a typo and matches a prefix as it is typed', async () => {
    const search = await indexed(
      incident('a', { title: 'Certificate expired on the payments gateway' }),
      incident('b', { title: 'Disk full' }),
    )
    expect(search.search('certifcate')).toEqual(['a'])
    expect(search.search('paym')).toEqual(['a'])
    expect(search.search('gateway certificate')).toEqual(['a'])
    // Every word must match somewhere: "disk certificate" is nothing.
    expect(search.search('disk certificate')).toEqual([])
    // Short words are exact: "dusk" is not "disk".
    expect(search.search('dusk')).toEqual([])
  })

  it('finds what was written in every part of the record', async () => {
    const search = await indexed(
      incident('i', {
        title: 'x',
        errorMessages: 'ECONNRESET upstream',
        mitigations: [
          {
            id: 'm',
            at: T0,
            action: 'Drain node seven',
            expected: '',
            observed: '',
            outcome: null,
          },
        ],
        hypotheses: [
          { id: 'h', statement: 'Kernel upgrade', howToTest: '', result: 'untested', evidence: '' },
        ],
        factors: [{ id: 'f', category: 'Detection gap', text: 'No alert on resets' }],
      }),
    )
    for (const q of ['econnreset', 'drain', 'kernel', 'detection gap', 'resets'])
      expect(search.search(q)).toEqual(['i'])
  })

  it('follows changes incrementally: edited, new and removed incidents', async () => {
    const search = await indexed(incident('a', { title: 'Login slow' }))
    await search.sync([
      incident('a', { title: 'Login fails' }, T0 + 1),
      incident('b', { title: 'Login ok' }),
    ])
    expect(search.search('slow')).toEqual([])
    expect(search.search('fails')).toEqual(['a'])
    expect(search.search('login').sort()).toEqual(['a', 'b'])
    await search.sync([incident('b', { title: 'Login ok' })])
    expect(search.search('login')).toEqual(['b'])
    expect(search.size).toBe(1)
  })

  it('searches the most recently changed through everything, older ones through their headline', async () => {
    const note = (id: string, updatedAt: number, text: string) =>
      incident(id, { title: `Queue ${id}`, notes: [{ id: 'n', text }] }, updatedAt)
    const search = new IncidentSearch(undefined, 12, 2)
    await search.sync([
      note('old', T0, 'zookeeper'),
      note('mid', T0 + 1, 'kafka'),
      note('new', T0 + 2, 'redis'),
    ])
    // The oldest: found by its title, not by its note; the list says so.
    expect(search.search('zookeeper')).toEqual([])
    expect(search.search('queue old')).toEqual(['old'])
    expect(search.search('kafka')).toEqual(['mid'])
    expect(search.headlineBefore).toBe(T0 + 1)
    // Changed again, it is among the most recent: whole again, and the next oldest gives way.
    await search.sync([
      note('old', T0 + 3, 'zookeeper'),
      note('mid', T0 + 1, 'kafka'),
      note('new', T0 + 2, 'redis'),
    ])
    expect(search.search('zookeeper')).toEqual(['old'])
    expect(search.search('kafka')).toEqual([])
    expect(search.headlineBefore).toBe(T0 + 2)
    // The next start from a saved index knows which are whole.
    const next = new IncidentSearch(undefined, 12, 2)
    next.restore(search.snapshot())
    expect(next.search('zookeeper')).toEqual(['old'])
    expect(
      await next.sync([
        note('old', T0 + 3, 'zookeeper'),
        note('mid', T0 + 1, 'kafka'),
        note('new', T0 + 2, 'redis'),
      ]),
    ).toBe(0)
    // Few enough incidents: every one is searched through everything.
    await next.sync([note('old', T0 + 3, 'zookeeper'), note('mid', T0 + 1, 'kafka')])
    expect(next.search('kafka')).toEqual(['mid'])
    expect(next.headlineBefore).toBeNull()
    // Changed at the same moment, more than there is room for: the first listed are whole.
    await next.sync([
      note('old', T0 + 5, 'zookeeper'),
      note('mid', T0 + 5, 'kafka'),
      note('new', T0 + 5, 'redis'),
    ])
    expect([next.search('zookeeper'), next.search('kafka'), next.search('redis')]).toEqual([
      ['old'],
      ['mid'],
      [],
    ])
    expect(next.headlineBefore).toBe(T0 + 5)
  })
})
