import MiniSearch, { type Options, type SearchOptions } from 'minisearch'
import { expect, it } from 'vitest'
import { SEARCH_OPTIONS } from './search'
import { packIndex, unpackIndex } from './search-pack'
import { rankQuery, searchIds } from './search-query'

type Doc = { id: string; title: string; notes: string; work?: string }
const options: Options<Doc> = {
  fields: ['title', 'notes', 'work'],
  searchOptions: { ...SEARCH_OPTIONS, boost: { title: 5, notes: 2 } },
}

// Few words, many alike (prefixes of each other, a letter apart): ties, prefix and fuzzy matches.
const WORDS = 'check checkout checks chequer time timeout timer tame gate gateway late latency la'
  .split(' ')
  .concat(['db', 'dbs', '502', 'lag', 'log'])

/** A seeded stream of numbers, so a failure names the documents it ran on. */
function random(seed: number) {
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    return seed / 2 ** 32
  }
}

function doc(id: number, next: () => number): Doc {
  const words = (n: number) =>
    Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')
  return {
    id: `i${id}`,
    title: words(1 + Math.floor(next() * 4)),
    notes: words(Math.floor(next() * 12)),
    // Absent in some documents.
    ...(next() < 0.5 ? { work: words(3) } : {}),
  }
}

/** The same index twice (searching cleans discarded documents out of terms: each gets its own). */
function twins(seed: number): [MiniSearch<Doc>, MiniSearch<Doc>] {
  const next = random(seed)
  const make = () => new MiniSearch<Doc>({ ...options, autoVacuum: false })
  const pair = [make(), make()] as const
  const ops: ((index: MiniSearch<Doc>) => void)[] = []
  for (let n = 0; n < 300; n++) {
    const d = doc(n, next)
    ops.push((index) => index.add(d))
  }
  // Changed incidents are replaced (MiniSearch discards and adds: the old postings stay as dirt),
  // deleted ones discarded.
  for (let n = 0; n < 80; n++) {
    const d = doc(Math.floor(next() * 300), next)
    ops.push((index) => index.replace(d))
  }
  const gone = new Set(Array.from({ length: 20 }, () => `i${Math.floor(next() * 300)}`))
  for (const id of gone) ops.push((index) => index.discard(id))
  for (const index of pair) for (const op of ops) op(index)
  return [pair[0], pair[1]]
}

const QUERIES = [
  'check',
  'checkout',
  'chec',
  'checkuot', // a typo: fuzzy
  'time la',
  'timeout gate',
  'gateway latency db',
  'la',
  'c',
  '502 lag',
  'lag lag',
  'CHECKOUT Time',
  'nothing',
  '',
  ' , ',
]

/** Options given with a query: a field, or any word (OR) as "Seen before?" asks. */
type Asked = string[] | SearchOptions | undefined
const asked = (given: Asked): SearchOptions =>
  Array.isArray(given) ? { fields: given } : (given ?? {})

/** MiniSearch's answer: ids in its order, and their scores. */
const expected = (index: MiniSearch<Doc>, query: string, given?: Asked) => {
  const results = index.search(query, asked(given))
  return { ids: results.map((r) => r.id), scores: results.map((r) => r.score) }
}
const actual = (index: MiniSearch<Doc>, query: string, given?: Asked) => {
  const scores: number[] = []
  const ids = searchIds(index as MiniSearch<unknown>, query, asked(given), scores)
  return { ids, scores }
}

/** Any of the words, each whole, in some fields: as "Seen before?" finds its candidates. */
const ANY_WORD: SearchOptions = {
  fields: ['title', 'notes'],
  combineWith: 'OR',
  prefix: false,
  fuzzy: false,
}

it('answers as MiniSearch does: the same ids, in its order, with its scores', () => {
  for (const seed of [1, 2, 3]) {
    const [slow, fast] = twins(seed)
    // Twice: the first search cleans discarded documents out of the terms it reads.
    for (const round of [1, 2])
      for (const query of QUERIES) {
        const want = expected(slow, query)
        expect(actual(fast, query), `${query} (seed ${seed}, round ${round})`).toEqual(want)
        const titles = expected(slow, query, ['title'])
        expect(actual(fast, query, ['title']), `${query} in titles`).toEqual(titles)
        const any = expected(slow, query, ANY_WORD)
        expect(actual(fast, query, ANY_WORD), `any of ${query}`).toEqual(any)
        const or = expected(slow, query, { combineWith: 'OR' })
        expect(actual(fast, query, { combineWith: 'OR' }), `${query} OR`).toEqual(or)
      }
  }
})

it('answers from packed postings as MiniSearch does from the same index unpacked', () => {
  const [source] = twins(4)
  const packed = packIndex(source as MiniSearch<unknown>)
  const slow = unpackIndex<Doc>(structuredClone(packed), options)
  const fast = unpackIndex<Doc>(structuredClone(packed), options)
  for (const query of QUERIES) {
    expect(actual(fast, query), query).toEqual(expected(slow, query))
    expect(actual(fast, query, ANY_WORD), query).toEqual(expected(slow, query, ANY_WORD))
  }
  // One more discarded, then one added: what the index holds changes under the next search.
  for (const change of [
    (index: MiniSearch<Doc>) => index.discard('i7'),
    (index: MiniSearch<Doc>) => index.add({ id: 'new', title: 'checkout gateway', notes: 'late' }),
  ]) {
    change(slow)
    change(fast)
    for (const query of QUERIES) expect(actual(fast, query), query).toEqual(expected(slow, query))
  }
})

it('gives the best few first: the beginning of the whole answer, ties in the same order', () => {
  const [slow, fast] = twins(6)
  for (const query of ['check', 'la', 'c', 'time la', 'lag lag'])
    for (const k of [1, 3, 10, 50, 1000]) {
      const whole = expected(slow, query).ids
      // Titles alone: few words, so many documents score the same.
      const titles = expected(slow, query, ['title']).ids
      expect(rankQuery(fast as MiniSearch<unknown>, query).best(k), `${query} ${k}`).toEqual(
        whole.slice(0, k),
      )
      const ranking = rankQuery(fast as MiniSearch<unknown>, query, { fields: ['title'] })
      expect(ranking.count).toBe(titles.length)
      expect(ranking.best(k), `${query} ${k} in titles`).toEqual(titles.slice(0, k))
    }
})

it('leaves to MiniSearch what it does not answer itself (a filter)', () => {
  const [index] = twins(5)
  const filter = (result: { id: string }) => result.id.endsWith('1')
  const ids = searchIds(index as MiniSearch<unknown>, 'check', { filter } as never)
  expect(ids.length).toBeGreaterThan(0)
  expect(ids.every((id) => id.endsWith('1'))).toBe(true)
})
