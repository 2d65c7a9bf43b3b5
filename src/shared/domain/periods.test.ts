import { describe, expect, it } from 'vitest'
import { periodOf } from './periods'

// 27 Nov 2026, 08:00 UTC.
const NOW = Date.UTC(2026, 10, 27, 8)

describe('periodOf', () => {
  it('starts a quarter at midnight in the user’s zone', () => {
    const last = periodOf('last-quarter', { now: NOW, zone: 'Asia/Tokyo' })
    expect(last).toMatchObject({ label: 'Q3 2026', slug: '2026-Q3' })
    // 1 Jul 2026 00:00 in Tokyo is 30 Jun 15:00 UTC.
    expect(new Date(last.from).toISOString()).toBe('2026-06-30T15:00:00.000Z')
    expect(new Date(last.to).toISOString()).toBe('2026-09-30T15:00:00.000Z')
    expect(periodOf('this-quarter', { now: NOW, zone: 'UTC' }).label).toBe('Q4 2026')
    expect(periodOf('last-year', { now: NOW, zone: 'UTC' })).toMatchObject({
      label: '2025',
      from: Date.UTC(2025, 0, 1),
      to: Date.UTC(2026, 0, 1),
    })
  })

  it('takes chosen days with both ends included, in either order, and ignores an impossible date', () => {
    const chosen = periodOf('custom', {
      now: NOW,
      zone: 'UTC',
      fromDay: '2026-11-30',
      toDay: '2026-09-01',
    })
    expect(chosen).toMatchObject({
      from: Date.UTC(2026, 8, 1),
      to: Date.UTC(2026, 11, 1),
      label: '1 Sep – 30 Nov 2026',
      slug: '2026-09-01-to-2026-11-30',
    })
    const bad = periodOf('custom', { now: NOW, zone: 'UTC', fromDay: '2026-02-31', toDay: '' })
    expect(bad.label).toBe('29 Oct – 27 Nov 2026')
  })
})
