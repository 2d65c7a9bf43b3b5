/**
 * MiniSearch's own query, answered without its per-document objects. `MiniSearch.search` builds a
 * `{ score, terms, match }` object in a Map for every document a query word reaches, then a result
 * object with its stored fields for each, then sorts them: at 100,000 incidents a common word
 * ("checkout", in half of them) took 150–400 ms a keystroke, and a two-letter prefix over a
 * thousand words one to two seconds. Here the same scores are added up in typed arrays indexed by
 * the documents' short ids, reading the packed postings where a term has not been unpacked
 * (search-pack.ts), and only the ids come back, in MiniSearch's order.
 *
 * It is MiniSearch's `executeQuery`, `termResults` and `search` (version 7.2.0, pinned in
 * package.json) for the options the incidents list and "Seen before?" use: AND or OR of the
 * query's words, each matched whole, by prefix and fuzzily as `searchOptions` say, with
 * per-field boosts, BM25+ with the default parameters, ties in MiniSearch's order; a discarded
 * document is cleaned out of a term as MiniSearch does. The words are found in MiniSearch's own term tree (`atPrefix`, `fuzzyGet`).
 * Any other option is answered by MiniSearch itself. `search-query.test.ts` checks the answers
 * (ids, order, scores) equal MiniSearch's on indexes added to, replaced in and discarded from.
 */
import type MiniSearch from 'minisearch'
import type { Options, SearchOptions } from 'minisearch'
import quickselect from 'quickselect'
import { packedPostings } from './search-pack'
import { floats } from '@shared/mapped'

type Freqs = Map<number, number>
type TermData = Map<number, Freqs>

interface Internals {
  _options: Required<Pick<Options<unknown>, 'tokenize' | 'processTerm' | 'fields'>> & {
    searchOptions: SearchOptions
  }
  _documentCount: number
  _nextId: number
  _documentIds: Map<number, unknown>
  _fieldIds: Record<string, number>
  _fieldLength: Map<number, (number | undefined)[]>
  _avgFieldLength: number[]
  _index: {
    get(term: string): TermData | undefined
    atPrefix(prefix: string): Iterable<[string, TermData]>
    fuzzyGet(term: string, distance: number): Map<string, [TermData, number]>
  }
  removeTerm(fieldId: number, shortId: number, term: string): void
}

/** Options this answers itself (a document filter or boost goes to MiniSearch). */
const HANDLED = new Set([
  'fields',
  'boost',
  'prefix',
  'fuzzy',
  'maxFuzzy',
  'combineWith',
  'weights',
  'bm25',
  'tokenize',
  'processTerm',
])

/**
 * Which documents an index holds, and how long their fields are: adding one moves `_nextId`,
 * discarding one lowers `_documentCount`, and nothing else changes them.
 */
export function indexVersion(index: MiniSearch<unknown>): string {
  const m = index as unknown as Internals
  return `${m._nextId}:${m._documentCount}`
}

/**
 * Reused between queries: one slot per short id. Marks are numbers that only grow (each query
 * takes as many as it has words, plus one), so what an earlier query left never matches.
 */
class Scratch {
  /** The mark of the query word that last reached each document. */
  seen = new Int32Array(0)
  /** The score of the word being added up. */
  word = new Float64Array(0)
  /** The sum over the words so far (AND: only documents every word reached). */
  total = new Float64Array(0)
  /**
   * AND: the mark of the last word of a run, from the query's first, that reached each document.
   * OR: the mark of the first word that reached it.
   */
  reached = new Int32Array(0)
  /** OR: how many different words of the query reached each document. */
  matched = new Int32Array(0)
  marks = 0
  /** A term's documents in one field copied out of its map: (short id, frequency) pairs. */
  pairs = new Int32Array(0)
  /**
   * For each field, each document's BM25 length term (`k * (1 - b + b * length / average)`), NaN
   * for a document no longer in the index; computed again when the index changed (`version`).
   */
  norms: Float64Array[] = []
  version = ''

  fit(size: number): void {
    if (this.seen.length >= size) return
    const length = Math.max(size, this.seen.length * 2, 1024)
    this.seen = new Int32Array(length)
    this.word = new Float64Array(length)
    this.total = new Float64Array(length)
    this.reached = new Int32Array(length)
    this.matched = new Int32Array(length)
    this.marks = 0
    this.version = ''
  }

  /** The length terms for the index as it is (see indexVersion). */
  lengthTerms(index: MiniSearch<unknown>, k: number, b: number): Float64Array[] {
    const m = index as unknown as Internals
    const version = `${indexVersion(index)}:${k}:${b}`
    if (version === this.version) return this.norms
    const fields = Object.keys(m._fieldIds).length
    const norms = Array.from({ length: fields }, () => new Float64Array(this.seen.length).fill(NaN))
    // One walk over the documents for every field (a walk per field took three times as long:
    // at 100,000 incidents the first query after any change spent 40-70 ms here).
    for (const [shortId, lengths] of m._fieldLength)
      for (let fieldId = 0; fieldId < fields; fieldId++)
        (norms[fieldId] as Float64Array)[shortId] =
          k * (1 - b + (b * (lengths[fieldId] as number)) / (m._avgFieldLength[fieldId] as number))
    this.norms = norms
    this.version = version
    return this.norms
  }

  /** A map's (short id, frequency) pairs, in its order. */
  copy(freqs: Freqs): Int32Array {
    if (this.pairs.length < 2 * freqs.size) this.pairs = new Int32Array(4 * freqs.size)
    let at = 0
    for (const [shortId, freq] of freqs) {
      this.pairs[at++] = shortId
      this.pairs[at++] = freq
    }
    return this.pairs
  }
}

const scratches = new WeakMap<object, Scratch>()

/**
 * A query's matches, best first, as `index.search` orders them. Read it before the next query on
 * the same index: the scores live in arrays that query reuses.
 */
export interface Ranking {
  /** How many documents match. */
  count: number
  /** The ids of the best `k`, in order: what `all()` begins with. */
  best(k: number): string[]
  /** Every match's id, in order (and with `scores`, their scores pushed onto it). */
  all(scores?: number[]): string[]
}

/** A ranking already made: these ids, in this order (with their scores, when known). */
export const ranked = (ids: string[], scores: number[] = []): Ranking => ({
  count: ids.length,
  best: (k) => ids.slice(0, k),
  all: (out) => {
    out?.push(...scores)
    return ids
  },
})

/**
 * The ids `index.search(query, options)` returns, in its order (and with `scores`, their scores
 * pushed onto it).
 */
export const searchIds = (
  index: MiniSearch<unknown>,
  query: string,
  options: SearchOptions = {},
  scores?: number[],
): string[] => rankQuery(index, query, options).all(scores)

/** What `index.search(query, options)` finds, ranked as it ranks it. */
export function rankQuery(
  index: MiniSearch<unknown>,
  query: string,
  options: SearchOptions = {},
): Ranking {
  const m = index as unknown as Internals
  // As MiniSearch merges them: its defaults are in the index's own search options.
  const merged: SearchOptions = { ...m._options.searchOptions, ...options }
  const combine = String(merged.combineWith ?? 'or').toLowerCase()
  if (Object.keys(merged).some((key) => !HANDLED.has(key)) || !['and', 'or'].includes(combine)) {
    const results = index.search(query, options)
    return ranked(
      results.map((result) => String(result.id)),
      results.map((result) => result.score),
    )
  }

  const tokenize = merged.tokenize ?? m._options.tokenize
  const processTerm = merged.processTerm ?? m._options.processTerm
  const { k, b, d } = merged.bm25 as Required<SearchOptions>['bm25']
  const weights = merged.weights as Required<SearchOptions>['weights']
  const terms = tokenize(query)
    .flatMap((term) => processTerm(term))
    .filter((term): term is string => !!term)
  if (!terms.length) return ranked([])

  let scratch = scratches.get(index)
  if (!scratch) scratches.set(index, (scratch = new Scratch()))
  scratch.fit(m._nextId)
  const { seen, word, total, reached, matched } = scratch
  const norms = scratch.lengthTerms(index, k, b)
  // Word i's mark is base + i + 1.
  const base = scratch.marks
  scratch.marks += terms.length + 1
  const fields = (merged.fields ?? m._options.fields).map((field) => ({
    id: m._fieldIds[field] as number,
    boost: (merged.boost as Record<string, number> | undefined)?.[field] || 1,
  }))

  // Each word's documents, in the order MiniSearch first meets them (its Map's order).
  let order: number[] = []
  terms.forEach((term, i) => {
    const mark = base + i + 1
    const met: number[] = []
    const add = (derived: string, weight: number, data: TermData | undefined) => {
      if (!data) return
      for (const field of fields) {
        const freqs = data.get(field.id)
        if (!freqs) continue
        let matching = freqs.size
        const idf = () => Math.log(1 + (m._documentCount - matching + 0.5) / (matching + 0.5))
        let inverse = idf()
        const norm = norms[field.id] as Float64Array
        const packed = packedPostings(freqs)
        const count = packed ? packed.count : freqs.size
        const pairs = packed ? packed.postings : scratch.copy(freqs)
        for (let n = 0, at = packed ? packed.from : 0; n < count; n++, at += 2) {
          const shortId = pairs[at] as number
          const freq = pairs[at + 1] as number
          const length = norm[shortId] as number
          if (length !== length) {
            // NaN: discarded since, and cleaned out of the term as MiniSearch does.
            m.removeTerm(field.id, shortId, derived)
            matching -= 1
            inverse = idf()
            continue
          }
          const raw = inverse * (d + (freq * (k + 1)) / (freq + length))
          // In MiniSearch's order: word weight, word boost (1), field boost, document boost (1).
          const score = weight * field.boost * raw
          if (seen[shortId] !== mark) {
            seen[shortId] = mark
            word[shortId] = score
            met.push(shortId)
          } else word[shortId] = (word[shortId] as number) + score
        }
      }
    }
    const prefix =
      typeof merged.prefix === 'function' ? merged.prefix(term, i, terms) : merged.prefix === true
    const fuzzy =
      typeof merged.fuzzy === 'function' ? merged.fuzzy(term, i, terms) : merged.fuzzy || false
    add(term, 1, m._index.get(term))
    let fuzzyMatches: Map<string, [TermData, number]> | undefined
    if (fuzzy) {
      const fraction = fuzzy === true ? 0.2 : fuzzy
      const distance =
        fraction < 1
          ? Math.min(merged.maxFuzzy as number, Math.round(term.length * fraction))
          : fraction
      if (distance) fuzzyMatches = m._index.fuzzyGet(term, distance)
    }
    if (prefix)
      for (const [derived, data] of m._index.atPrefix(term)) {
        const distance = derived.length - term.length
        if (!distance) continue
        fuzzyMatches?.delete(derived)
        add(derived, (weights.prefix * derived.length) / (derived.length + 0.3 * distance), data)
      }
    if (fuzzyMatches)
      for (const [derived, [data, distance]] of fuzzyMatches) {
        if (!distance) continue
        add(derived, (weights.fuzzy * derived.length) / (derived.length + distance), data)
      }
    if (combine === 'or') {
      // OR: every document any word reached, in the order they were first met.
      const first = terms.indexOf(term) === i
      for (const shortId of met) {
        if ((reached[shortId] as number) <= base) {
          reached[shortId] = mark
          total[shortId] = word[shortId] as number
          matched[shortId] = 1
          order.push(shortId)
        } else {
          total[shortId] = (total[shortId] as number) + (word[shortId] as number)
          if (first) matched[shortId] = (matched[shortId] as number) + 1
        }
      }
      return
    }
    // AND: a document stays if every word so far reached it, in this word's order.
    const kept: number[] = []
    for (const shortId of met) {
      if (i === 0) total[shortId] = word[shortId] as number
      else if (reached[shortId] === mark - 1)
        total[shortId] = (total[shortId] as number) + (word[shortId] as number)
      else continue
      reached[shortId] = mark
      kept.push(shortId)
    }
    order = kept
  })
  // MiniSearch multiplies each score by how many different words matched (all, with AND).
  const quality = new Set(terms).size
  for (const shortId of order)
    total[shortId] =
      (total[shortId] as number) * (combine === 'or' ? (matched[shortId] as number) : quality)
  const idOf = (shortId: number) => String(m._documentIds.get(shortId))
  // A stable sort: equal scores keep MiniSearch's order.
  const byScore = (a: number, b: number) => (total[b] as number) - (total[a] as number)
  const all = (out?: number[]) => {
    order.sort(byScore)
    if (out) for (const shortId of order) out.push(total[shortId] as number)
    return order.map(idOf)
  }
  return {
    count: order.length,
    all,
    best(k) {
      if (order.length <= k) return all()
      // The k-th best score, then what scores above it and the first that equal it, in order.
      // (Float64Array.from with a function, then a sort, took 20-30 ms for 50,000 scores.)
      const { least, ties } = largest(
        floats(order, (shortId) => total[shortId] as number),
        k,
      )
      let equal = ties
      const top = order.filter((shortId) => {
        const score = total[shortId] as number
        return score > least || (score === least && equal-- > 0)
      })
      return top.sort(byScore).map(idOf)
    },
  }
}

/**
 * The `k` largest of `values` (k from 1 to their count), by a selection rather than a sort: the
 * least of them, and how many of those equal to it are among them (the rest are larger).
 * `values` is reordered.
 */
export function largest(values: Float64Array, k: number): { least: number; ties: number } {
  quickselect(values as unknown as number[], values.length - k)
  const least = values[values.length - k] as number
  return { least, ties: k - values.filter((value) => value > least).length }
}
