/**
 * The search index saved as typed arrays instead of JSON. MiniSearch's own JSON form of 100,000
 * incidents is 71 MB of text: written, it took the worker 4.5 s to stringify; read back, 1.3 s to
 * parse and 2.6 s more to turn millions of `{ "docId": freq }` objects back into maps, during which
 * search waited. Packed, the posting lists are one Int32Array that IndexedDB stores and hands back
 * as raw bytes. A term's documents are put into MiniSearch's maps only when a search (or a change)
 * first touches that term: a start reads the index back in a fraction of a second, and a query
 * fills the few terms it looks at.
 *
 * This reads and fills MiniSearch's internal fields (version 7.2.0, pinned in package.json):
 * `search-pack.test.ts` checks a packed and unpacked index is the same as the original through
 * MiniSearch's own `toJSON`, and searches, replaces and discards like it.
 */
import MiniSearch, { type Options } from 'minisearch'

/** A term's postings: field id → document's short id → how often the term is there. */
type TermData = Map<number, Map<number, number>>

/** The fields of a MiniSearch instance that hold its index. */
interface Internals {
  _documentCount: number
  _nextId: number
  _documentIds: Map<number, unknown>
  _idToShortId: Map<unknown, number>
  _fieldIds: Record<string, number>
  _fieldLength: Map<number, (number | undefined)[]>
  _avgFieldLength: number[]
  _storedFields: Map<number, Record<string, unknown>>
  _dirtCount: number
  _index: Iterable<[string, TermData]> & { set(term: string, data: TermData): void }
}

export interface PackedIndex {
  documentCount: number
  nextId: number
  fieldIds: Record<string, number>
  averageFieldLength: number[]
  dirtCount: number
  /** Each document's short id, and its id (a string: incident ids). */
  shortIds: Int32Array
  ids: string[]
  /** For each document in that order, one length per field; -1 where the field was absent. */
  fieldLengths: Int32Array
  storedFields: [number, Record<string, unknown>][]
  terms: string[]
  /**
   * For each term in that order: how many fields, then for each, its id, how many documents, and
   * that many pairs of (short id, frequency).
   */
  postings: Int32Array
}

const internals = (index: MiniSearch<unknown>) => index as unknown as Internals

/**
 * A term's documents in one field, read from the packed postings the first time anything asks:
 * every Map method fills it first, so MiniSearch sees an ordinary map.
 */
class LazyFreqs extends Map<number, number> {
  packed: { postings: Int32Array; from: number; count: number } | null

  constructor(postings: Int32Array, from: number, count: number) {
    super()
    this.packed = { postings, from, count }
  }

  private fill(): this {
    const packed = this.packed
    if (packed) {
      this.packed = null
      const { postings, from, count } = packed
      for (let n = 0; n < count; n++)
        super.set(postings[from + 2 * n] as number, postings[from + 2 * n + 1] as number)
    }
    return this
  }

  override get size() {
    return this.packed ? this.packed.count : super.size
  }
  override get(key: number) {
    return this.fill() && super.get(key)
  }
  override has(key: number) {
    return this.fill() && super.has(key)
  }
  override set(key: number, value: number) {
    return this.fill() && super.set(key, value)
  }
  override delete(key: number) {
    return this.fill() && super.delete(key)
  }
  override clear() {
    this.packed = null
    super.clear()
  }
  override forEach(
    callback: (value: number, key: number, map: Map<number, number>) => void,
    thisArg?: unknown,
  ) {
    this.fill()
    super.forEach(callback, thisArg)
  }
  override keys() {
    return this.fill() && super.keys()
  }
  override values() {
    return this.fill() && super.values()
  }
  override entries() {
    return this.fill() && super.entries()
  }
  override [Symbol.iterator]() {
    return this.fill() && super[Symbol.iterator]()
  }
}

/**
 * Where a term's documents in one field still lie packed (short id, frequency pairs), or null once
 * they are in an ordinary map: a query reads them there without unpacking (search-query.ts).
 */
export function packedPostings(
  freqs: Map<number, number>,
): { postings: Int32Array; from: number; count: number } | null {
  return freqs instanceof LazyFreqs ? freqs.packed : null
}

/** A growable Int32Array. */
class Ints {
  array = new Int32Array(1 << 16)
  length = 0
  push(value: number) {
    if (this.length === this.array.length) {
      const bigger = new Int32Array(this.array.length * 2)
      bigger.set(this.array)
      this.array = bigger
    }
    this.array[this.length++] = value
  }
  done() {
    return this.array.slice(0, this.length)
  }
}

export function packIndex(index: MiniSearch<unknown>): PackedIndex {
  const m = internals(index)
  const fields = Object.keys(m._fieldIds).length
  const shortIds = new Int32Array(m._documentIds.size)
  const ids: string[] = []
  const fieldLengths = new Int32Array(m._documentIds.size * fields).fill(-1)
  let n = 0
  for (const [shortId, id] of m._documentIds) {
    if (typeof id !== 'string') throw new Error('Only string ids can be packed')
    shortIds[n] = shortId
    ids.push(id)
    const lengths = m._fieldLength.get(shortId) ?? []
    for (let f = 0; f < fields; f++) fieldLengths[n * fields + f] = lengths[f] ?? -1
    n++
  }
  const terms: string[] = []
  const postings = new Ints()
  for (const [term, data] of m._index) {
    terms.push(term)
    postings.push(data.size)
    for (const [fieldId, freqs] of data) {
      postings.push(fieldId)
      postings.push(freqs.size)
      for (const [shortId, freq] of freqs) {
        postings.push(shortId)
        postings.push(freq)
      }
    }
  }
  return {
    documentCount: m._documentCount,
    nextId: m._nextId,
    fieldIds: { ...m._fieldIds },
    averageFieldLength: [...m._avgFieldLength],
    dirtCount: m._dirtCount,
    shortIds,
    ids,
    fieldLengths,
    storedFields: [...m._storedFields],
    terms,
    postings: postings.done(),
  }
}

export function unpackIndex<T>(packed: PackedIndex, options: Options<T>): MiniSearch<T> {
  // An empty index of the right shape (MiniSearch checks the options and the version), filled in.
  const index = MiniSearch.loadJS<T>(
    {
      documentCount: packed.documentCount,
      nextId: packed.nextId,
      documentIds: {},
      fieldIds: packed.fieldIds,
      fieldLength: {},
      averageFieldLength: packed.averageFieldLength,
      storedFields: {},
      dirtCount: packed.dirtCount,
      index: [],
      serializationVersion: 2,
    },
    options,
  )
  const m = internals(index as MiniSearch<unknown>)
  const fields = Object.keys(packed.fieldIds).length
  const { shortIds, ids, fieldLengths, postings } = packed
  for (let n = 0; n < shortIds.length; n++) {
    const shortId = shortIds[n] as number
    const id = ids[n]
    m._documentIds.set(shortId, id)
    m._idToShortId.set(id, shortId)
    const lengths: (number | undefined)[] = []
    for (let f = 0; f < fields; f++) {
      const length = fieldLengths[n * fields + f] as number
      if (length >= 0) lengths[f] = length
    }
    m._fieldLength.set(shortId, lengths)
  }
  for (const [shortId, stored] of packed.storedFields) m._storedFields.set(shortId, stored)
  let at = 0
  for (const term of packed.terms) {
    const data: TermData = new Map()
    const count = postings[at++] as number
    for (let f = 0; f < count; f++) {
      const fieldId = postings[at++] as number
      const docs = postings[at++] as number
      data.set(fieldId, new LazyFreqs(postings, at, docs))
      at += 2 * docs
    }
    m._index.set(term, data)
  }
  if (at !== postings.length) throw new Error('The packed index does not match its terms')
  return index
}
