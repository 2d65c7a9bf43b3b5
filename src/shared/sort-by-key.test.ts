import { expect, it } from 'vitest'
import { sortByKey } from './sort-by-key'

it('sorts by a number, equal keys in the order they came, packed or compared pair by pair', () => {
  let seed = 7
  const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32
  // Keys across the whole range: their low and high 32-bit halves both matter.
  const items = Array.from({ length: 5000 }, (_, n) => ({
    n,
    key: Math.floor(next() * 40) * 2 ** 30 + Math.floor(next() * 3),
  }))
  const want = [...items].sort((a, b) => a.key - b.key).map((i) => i.n)
  expect(sortByKey(items, (i) => i.key).map((i) => i.n)).toEqual(want)
  expect(sortByKey(items, (i) => i.key, 10).map((i) => i.n)).toEqual(want)
})

it('takes keys out of range as its ends, and a fraction as the whole number below', () => {
  const items = [
    { id: 'huge', key: 2 ** 50 },
    { id: 'negative', key: -3 },
    { id: 'half', key: 1.5 },
    { id: 'one', key: 1 },
    { id: 'nan', key: NaN },
  ]
  expect(sortByKey(items, (i) => i.key).map((i) => i.id)).toEqual([
    'negative',
    'nan',
    'half',
    'one',
    'huge',
  ])
})
