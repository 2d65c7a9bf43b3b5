import { describe, expect, it } from 'vitest'
import { mergeDots, stackedOpacity } from './charts'

describe('duration chart dots', () => {
  it('draws incidents on the same spot as one dot, as dark as all of them together', () => {
    const dots = [
      ...Array.from({ length: 40_000 }, (_, n) => ({ group: 'SEV2', at: (n % 1000) / 1000 })),
      { group: 'SEV1', at: 0.5 },
      { group: 'SEV1', at: 0.5 },
      { group: 'SEV1', at: 0.9 },
    ]
    const merged = mergeDots(dots, 0, 1, 500)
    // At most four spots a pixel, per group: bounded by the width, not by the history.
    expect(merged.filter((d) => d.group === 'SEV2').length).toBeLessThanOrEqual(4 * 500 + 1)
    expect(merged.reduce((n, d) => n + d.count, 0)).toBe(dots.length)
    expect(merged.filter((d) => d.group === 'SEV1')).toEqual([
      { group: 'SEV1', at: 0.5, count: 2 },
      { group: 'SEV1', at: 0.9, count: 1 },
    ])
    // A dot moves by an eighth of a pixel at most.
    const [alone] = mergeDots([{ group: 'SEV3', at: 0.123456 }], 0, 1, 500)
    expect(Math.abs((alone?.at ?? 0) - 0.123456)).toBeLessThanOrEqual(1 / 500 / 8)
  })

  it('makes a merged dot exactly as opaque as its dots drawn one over another', () => {
    expect(stackedOpacity(1)).toBeCloseTo(0.55)
    expect(stackedOpacity(2)).toBeCloseTo(1 - 0.45 * 0.45)
    expect(stackedOpacity(50)).toBeLessThanOrEqual(1)
  })
})
