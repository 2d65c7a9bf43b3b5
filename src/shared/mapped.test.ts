import { expect, it } from 'vitest'
import { floats, mapped } from './mapped'

it('maps each item with its index, in order, as Array.from and Float64Array.from do', () => {
  const rows = new Uint32Array([3, 0, 2])
  const ids = ['a', 'b', 'c', 'd']
  const fn = (row: number, at: number) => `${ids[row]}${at}`
  expect(mapped(rows, fn)).toEqual(Array.from(rows, fn))
  expect(mapped(rows, fn)).toEqual(['d0', 'a1', 'c2'])
  const due = [{ at: 5 }, { at: undefined }, { at: 1.5 }]
  const at = (item: { at?: number }) => item.at ?? NaN
  expect(floats(due, at)).toEqual(Float64Array.from(due, at))
  expect(mapped([], fn)).toEqual([])
  expect(floats([], at)).toEqual(new Float64Array(0))
})
