import { describe, expect, it } from 'vitest'
import { TWO_WEEKS, countDigest, defaultDueAt, digestItems, newActionItem } from './action-items'
import { IncidentLog, T0 } from './test-helpers'
import { DAY, HOUR } from './time'

describe('the default due date of an action item', () => {
  it('is two weeks after resolution', () => {
    const now = Date.UTC(2026, 10, 27, 12, 0)
    const log = new IncidentLog('inc', { now, title: 'x' }).record({
      kind: 'resolved',
      at: now + HOUR,
      payload: {},
    })
    expect(defaultDueAt(log.incident, now + 2 * HOUR)).toBe(now + HOUR + 14 * DAY)
  })

  it('is two weeks after entry for an incident back-filled years after it was resolved', () => {
    const entered = Date.UTC(2026, 10, 27, 12, 0)
    const longAgo = Date.UTC(2024, 2, 1, 9, 0)
    const log = new IncidentLog('old', { now: entered, startedAt: longAgo, title: 'x' }).record({
      kind: 'resolved',
      at: longAgo + HOUR,
      payload: {},
    })
    expect(defaultDueAt(log.incident, entered)).toBe(entered + 14 * DAY)
  })
})

describe('the two-week rule', () => {
  const base = new IncidentLog().incident
  const item = (id: string, createdAt: number, doneAt: number | null) => ({
    ...newActionItem({ title: id }, base, { id, now: createdAt }),
    status: doneAt === null ? ('open' as const) : ('done' as const),
    doneAt,
  })
  const now = T0 + 30 * DAY
  it('counts items done within two weeks of being written, of those whose two weeks are over', () => {
    const digest = digestItems([
      item('on time', T0, T0 + 13 * DAY),
      item('just in time', T0, T0 + TWO_WEEKS),
      item('late', T0, T0 + 15 * DAY),
      item('never done', T0, null),
      item('still young', now - DAY, null),
      item('young and done', now - DAY, now),
    ])
    const tally = { counted: 0, onTime: 0 }
    if (digest) countDigest(tally, digest, now)
    expect(tally).toEqual({ counted: 5, onTime: 3 })
  })
})
