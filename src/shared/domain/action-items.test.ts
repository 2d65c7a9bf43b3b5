import { describe, expect, it } from 'vitest'
import { defaultDueAt } from './action-items'
import { IncidentLog } from './test-helpers'
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
