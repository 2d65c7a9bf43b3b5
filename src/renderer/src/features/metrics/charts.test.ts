import { describe, expect, it } from 'vitest'
import { mergeDots, stackedOpacity } from './charts'

describe('duration chart dots', () => {
  it('draws incidents on the same spot as one dot, as dark as all of them together', () => {
    const many = Array.from({ length: 40_000 }, (_, n) => (n % 1000) / 1000).sort()
    const sev2 = mergeDots('SEV2', many, 0, 1, 500)
    // At most a dot every two pixels: bounded by the width, not by the history.
    expect(sev2.length).toBeLessThanOrEqual(250 + 1)
    expect(sev2.reduce((n, d) => n + d.count, 0)).toBe(many.length)
    expect(new Set(sev2.map((d) => d.at)).size).toBe(sev2.length)
    expect(mergeDots('SEV1', [0.5, 0.5, 0.9], 0, 1, 500)).toEqual([
      { group: 'SEV1', at: 0.5, count: 2 },
      { group: 'SEV1', at: 0.9, count: 1 },
    ])
    // A dot moves by a pixel at most.
    const [alone] = mergeDots('SEV3', [0.123456], 0, 1, 500)
    expect(Math.abs((alone?.at ?? 0) - 0.123456)).toBeLessThanOrEqual(1 / 500)
  })

  it('makes a merged dot exactly as opaque as its dots drawn one over another', () => {
    expect(stackedOpacity(1)).toBeCloseTo(0.55)
    expect(stackedOpacity(2)).toBeCloseTo(1 - 0.45 * 0.45)
    expect(stackedOpacity(50)).toBeLessThanOrEqual(1)
  })
})
