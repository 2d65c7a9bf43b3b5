import { expect, it } from 'vitest'
import { patchSorted } from './sorted-patch'

interface Item {
  key: number
  id: string
}
const compare = (a: Item, b: Item) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

it('gives what a sort of the changed list gives: items gone, added, and both at one place', () => {
  let seed = 5
  const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32
  // Few keys: many ties, broken by id.
  let items = Array.from({ length: 500 }, (_, n) => ({ key: Math.floor(next() * 20), id: `i${n}` }))
  let sorted = [...items].sort(compare)
  for (let step = 0; step < 30; step++) {
    const gone = items.filter(() => next() < 0.02)
    // Some come back as new objects with the same key (the same place as the one leaving).
    const added = gone
      .filter(() => next() < 0.5)
      .map((item) => ({ ...item }))
      .concat(
        Array.from({ length: 8 }, (_, n) => ({
          key: Math.floor(next() * 20),
          id: `s${step}-${n}`,
        })),
      )
    items = items.filter((item) => !gone.includes(item)).concat(added)
    const patched = patchSorted(sorted, gone, added, compare)
    expect(patched).toEqual([...items].sort(compare))
    sorted = patched as Item[]
  }
  // An item that is not in the list: sort whole instead.
  expect(patchSorted(sorted, [{ key: 1, id: 'nowhere' }], [], compare)).toBeUndefined()
})
