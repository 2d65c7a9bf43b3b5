import MiniSearch from 'minisearch'
import { expect, it } from 'vitest'
import { packIndex, unpackIndex } from './search-pack'

type Doc = { id: string; title: string; notes?: string }
const options = { fields: ['title', 'notes'], searchOptions: { prefix: true, fuzzy: 0.2 } }
const docs: Doc[] = [
  { id: 'a', title: 'Checkout returns 502', notes: 'gateway timeout after deploy' },
  { id: 'b', title: 'Queue stuck', notes: 'consumer lag on checkout events' },
  { id: 'c', title: 'Disk full on db-1' }, // no notes: a field absent
  { id: 'd', title: 'Checkout slow', notes: 'checkout checkout checkout' },
]

const built = () => {
  const index = new MiniSearch<Doc>(options)
  index.addAll(docs)
  index.discard('d') // discarded: its postings stay until a vacuum, and must survive as they are
  return index
}

/** MiniSearch's own serialisation, terms in one order (its tree's walk depends on insertion). */
const contents = (index: MiniSearch<Doc>) => {
  const json = index.toJSON()
  return { ...json, index: [...json.index].sort(([a], [b]) => (a < b ? -1 : 1)) }
}

/** Packed, cloned as IndexedDB would store it, and unpacked. */
const roundTrip = (index: MiniSearch<Doc>) =>
  unpackIndex<Doc>(structuredClone(packIndex(index as MiniSearch<unknown>)), options)

it('packs an index into typed arrays and back into the same index', () => {
  const original = built()
  const packed = packIndex(original as MiniSearch<unknown>)
  expect(packed.postings).toBeInstanceOf(Int32Array)
  const back = roundTrip(original)
  // Searched first, while its terms are still packed (each is unpacked when first touched): the
  // same hits with the same scores.
  for (const query of ['checkout', 'chek', 'gateway', 'disk', 'checkout lag', 'slow'])
    expect(back.search(query)).toEqual(original.search(query))
  // MiniSearch's own serialisation sees every field it keeps: documents, lengths, postings.
  expect(contents(back)).toEqual(contents(original))
})

it('changes an unpacked index as it would the original: add, replace, discard, vacuum', async () => {
  const original = built()
  const back = roundTrip(original)
  for (const index of [original, back]) {
    index.add({ id: 'e', title: 'Checkout 500s', notes: 'pool exhausted' })
    index.replace({ id: 'a', title: 'Payments return 502', notes: 'gateway timeout' })
    index.discard('b')
    await index.vacuum()
  }
  expect(contents(back)).toEqual(contents(original))
  expect(back.search('checkout').map((r) => r.id)).toEqual(['e'])
  expect(back.search('payments').map((r) => r.id)).toEqual(['a'])
  // Packed again after changes, it is still the same.
  expect(contents(roundTrip(back))).toEqual(contents(original))
})

it('refuses postings that do not match their terms', () => {
  const packed = packIndex(built() as MiniSearch<unknown>)
  expect(() =>
    unpackIndex({ ...packed, postings: packed.postings.slice(0, -1) }, options),
  ).toThrow()
  expect(() => unpackIndex({ ...packed, terms: packed.terms.slice(1) }, options)).toThrow()
})
