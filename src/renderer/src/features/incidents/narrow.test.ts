import { renderHook, waitFor } from '@testing-library/react'
import type { ListRow } from '@shared/domain/summary'
import { expect, it, vi } from 'vitest'
import { FIRST_ROWS, kept, narrowFor, narrowing, useFilterChoices, useNarrowed } from './narrow'

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i)
const isThird = (x: number) => x % 3 === 0
const third = kept(isThird)

it('stops when enough rows are kept and goes on from there to the same rows as one pass', () => {
  const list = numbers(10_000)
  const pass = narrowing(list, third)
  expect(narrowFor(pass, { ms: 1_000, enough: 10 })).toBe(false)
  expect(pass.rows).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27])
  expect(pass.next).toBe(28)
  expect(narrowFor(pass, { ms: 1_000 })).toBe(true)
  expect(pass.rows).toEqual(list.filter(isThird))
})

it('stops when its time is up, reading the clock every 500 items', () => {
  let t = 0
  const pass = narrowing(numbers(10_000), third)
  // One millisecond passes at each look: 3 ms are up at the fourth look after the start.
  expect(narrowFor(pass, { ms: 3 }, () => t++)).toBe(false)
  expect(pass.next).toBe(2_000)
  expect(pass.rows.at(-1)).toBe(1_998)
})

it('a pick keeps what it finds for each item, in order, and leaves out what it finds nothing for', () => {
  const names = new Map(numbers(1000).map((n) => [`id-${n}`, `incident ${n}`]))
  const ids = numbers(2000).map((n) => `id-${1999 - n}`)
  const pass = narrowing(ids, (id: string) => names.get(id))
  expect(narrowFor(pass, { ms: 1_000, enough: 2 })).toBe(false)
  expect(pass.rows).toEqual(['incident 999', 'incident 998'])
  expect(narrowFor(pass, { ms: 1_000 })).toBe(true)
  expect(pass.rows).toEqual(numbers(1000).map((n) => `incident ${999 - n}`))
})

it('an empty list is done at once', () => {
  const pass = narrowing([] as number[], third)
  expect(narrowFor(pass, { ms: 0, enough: 0 })).toBe(true)
})

it('shows the first rows in the first render, then every one, and never mixes two filters', async () => {
  const list = numbers(60_000)
  const seen: { keep: string; rows: readonly number[]; complete: boolean }[] = []
  const isEven = (x: number) => x % 2 === 0
  const tests = { third, even: kept(isEven) }
  const passes = { third: isThird, even: isEven }
  const { result, rerender } = renderHook(
    ({ keep }: { keep: keyof typeof tests }) => {
      const answer = useNarrowed(list, tests[keep])
      seen.push({ keep, ...answer })
      return answer
    },
    { initialProps: { keep: 'third' as keyof typeof tests } },
  )
  expect(seen[0]).toEqual({
    keep: 'third',
    rows: list.filter(isThird).slice(0, FIRST_ROWS),
    complete: false,
  })
  await waitFor(() => expect(result.current.complete).toBe(true))
  expect(result.current.rows).toEqual(list.filter(isThird))
  // Another filter, then back before it is done: each starts again.
  rerender({ keep: 'even' })
  expect(result.current).toEqual({
    rows: list.filter(passes.even).slice(0, FIRST_ROWS),
    complete: false,
  })
  rerender({ keep: 'third' })
  await waitFor(() => expect(result.current.complete).toBe(true))
  expect(result.current.rows).toEqual(list.filter(isThird))
  // Every answer shown is the start of its own filter's rows, all of them once complete.
  for (const { keep, rows, complete } of seen) {
    const all = list.filter(passes[keep as keyof typeof passes])
    expect(rows).toEqual(all.slice(0, rows.length))
    if (complete) expect(rows.length).toBe(all.length)
  }
})

it('no filter is the list itself, complete', () => {
  const list = numbers(10)
  const { result } = renderHook(() => useNarrowed(list, null))
  expect(result.current).toEqual({ rows: list, complete: true })
  expect(result.current.rows).toBe(list)
})

/**
 * Runs `work` with a fake of the browser's task scheduler (absent from the test page) and a clock
 * that moves a millisecond at each look; resolves to the priorities continuations asked for.
 */
async function continuations(work: () => Promise<void>): Promise<string[]> {
  const asked: string[] = []
  const scheduler = {
    yield: () => {
      asked.push('yield')
      return Promise.resolve()
    },
    postTask: (task: () => void, { priority }: { priority: string }) => {
      asked.push(priority)
      return Promise.resolve().then(task)
    },
  }
  Object.assign(globalThis, { scheduler })
  let t = 0
  const clock = vi.spyOn(performance, 'now').mockImplementation(() => t++)
  try {
    await work()
  } finally {
    clock.mockRestore()
    delete (globalThis as { scheduler?: unknown }).scheduler
  }
  return asked
}

// A continuation of the usual priority runs ahead of the next frame: the first rows (or a key
// typed meanwhile) would not be painted until the whole pass is over (40 ms for a common word's
// 30,000 matches at 100,000 incidents).
it('goes on with the pass only behind the page’s painting', async () => {
  const list = numbers(60_000)
  const asked = await continuations(async () => {
    const { result } = renderHook(() => useNarrowed(list, third))
    expect(result.current.complete).toBe(false)
    await waitFor(() => expect(result.current.complete).toBe(true))
    expect(result.current.rows).toEqual(list.filter(isThird))
  })
  expect(asked.length).toBeGreaterThan(0)
  expect(new Set(asked)).toEqual(new Set(['background']))
})

const row = (n: number, services: string[], tags?: string[]) =>
  ({ id: `i${n}`, services, tags }) as unknown as ListRow

it('offers every service and tag named, once each and sorted, gathered behind the painting', async () => {
  const rows = numbers(20_000).map((n) =>
    n % 2 ? row(n, [`svc-${n % 7}`], [`tag-${n % 3}`]) : row(n, ['api', `svc-${n % 5}`]),
  )
  const asked = await continuations(async () => {
    const { result } = renderHook(() => useFilterChoices(rows))
    expect(result.current).toEqual({ services: [], tags: [] })
    await waitFor(() => expect(result.current.tags.length).toBeGreaterThan(0))
    expect(result.current).toEqual({
      services: ['api', 'svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5', 'svc-6'],
      tags: ['tag-0', 'tag-1', 'tag-2'],
    })
  })
  expect(asked.length).toBeGreaterThan(0)
  expect(new Set(asked)).toEqual(new Set(['background']))
})
