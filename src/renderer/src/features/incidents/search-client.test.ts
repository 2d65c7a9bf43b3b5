import { afterEach, expect, it, vi } from 'vitest'
import { testDb } from '../../db/test-db'
import { createSearchClient } from './search-client'
import type { FromSearch, ToSearch } from './search-protocol'

/** A search worker (a thread of its own: faked here) that answers when told to. */
class FakeWorker {
  static last: FakeWorker
  asked: ToSearch[] = []
  onmessage: ((event: { data: FromSearch }) => void) | null = null
  onerror: unknown = null
  constructor() {
    FakeWorker.last = this
  }
  postMessage(message: ToSearch) {
    this.asked.push(message)
  }
  /** Answers the oldest question not answered yet. */
  answer() {
    const message = this.asked.find((m) => !this.answered.has(m.id))
    if (!message || message.type !== 'search') throw new Error('nothing to answer')
    this.answered.add(message.id)
    const hits = { ids: [message.query], behind: 0, headlineBefore: null }
    this.onmessage?.({ data: { type: 'results', id: message.id, hits } })
  }
  answered = new Set<number>()
  terminate() {}
}

afterEach(() => vi.unstubAllGlobals())

it('keeps one query with the worker at a time and sends the latest next, not every keystroke', async () => {
  vi.stubGlobal('Worker', FakeWorker)
  const client = createSearchClient(testDb().db)
  const typed = ['c', 'ch', 'che', 'chec'].map((query) => client.search(query))
  const worker = FakeWorker.last
  // The first is with the worker; the second and third were overtaken before they were sent.
  expect(worker.asked.map((m) => m.type === 'search' && m.query)).toEqual(['c'])
  worker.answer()
  await expect(typed[0]).resolves.toMatchObject({ ids: ['c'] })
  await expect(typed[1]).resolves.toBeUndefined()
  await expect(typed[2]).resolves.toBeUndefined()
  await vi.waitFor(() => expect(worker.asked).toHaveLength(2))
  expect(worker.asked.map((m) => m.type === 'search' && m.query)).toEqual(['c', 'chec'])
  worker.answer()
  await expect(typed[3]).resolves.toMatchObject({ ids: ['chec'] })
})

it("hands a long answer's best matches to the page before the whole answer", async () => {
  vi.stubGlobal('Worker', FakeWorker)
  const client = createSearchClient(testDb().db)
  const shown: string[][] = []
  const answer = client.search('checkout', (best) => shown.push(best.ids))
  const worker = FakeWorker.last
  const id = worker.asked[0]!.id
  const state = { behind: 0, headlineBefore: null }
  worker.onmessage?.({ data: { type: 'first', id, hits: { ...state, ids: ['a'], partial: true } } })
  expect(shown).toEqual([['a']])
  worker.onmessage?.({ data: { type: 'results', id, hits: { ...state, ids: ['a', 'b'] } } })
  await expect(answer).resolves.toMatchObject({ ids: ['a', 'b'] })
  expect(shown).toEqual([['a']])
})
