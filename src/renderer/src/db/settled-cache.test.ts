import { expect, it } from 'vitest'
import { settledCache } from './hooks'
import { db, incidentsRepo, actionItemsRepo } from './instance'

it('keeps a read until one of its tables changes, and only its tables', async () => {
  const { id } = await incidentsRepo.open({ title: 'Checkout down' })
  const cache = settledCache<string[]>(['incidents'])
  cache.set(['read'], cache.version())
  expect(cache.get()).toEqual(['read'])
  await db.table('ydocs').put({ name: 'unrelated', state: new Uint8Array() })
  expect(cache.get()).toEqual(['read'])
  await actionItemsRepo.create(id, { title: 'Alert on 5xx' })
  // Creating an item writes its incident (an event): the read is out of date.
  await expect.poll(() => cache.get()).toBeUndefined()
  cache.set(['again'], cache.version())
  await incidentsRepo.addNote(id, 'still down')
  await expect.poll(() => cache.get()).toBeUndefined()
  // A read that a change overtook is out of date before it ends: not kept.
  const since = cache.version()
  await incidentsRepo.addNote(id, 'and again')
  await expect.poll(() => cache.version()).toBeGreaterThan(since)
  cache.set(['overtaken'], since)
  expect(cache.get()).toBeUndefined()
})

it('reads once per change for every screen that shares its cache', async () => {
  const { renderHook, waitFor } = await import('@testing-library/react')
  const { useSettledRead } = await import('./hooks')
  const { id } = await incidentsRepo.open({ title: 'Reminders twice' })
  let reads = 0
  const load = async () => {
    await new Promise((resolve) => setTimeout(resolve, 20))
    return ++reads
  }
  const cache = settledCache<number>(['incidents'])
  // The reminder center reads soon after a change, the engine later: the engine takes its read.
  const soon = renderHook(() =>
    useSettledRead(load, { tables: ['incidents'], startMs: 0, quietMs: 5, cache }),
  )
  await waitFor(() => expect(soon.result.current).toBe(1))
  const later = renderHook(() =>
    useSettledRead(load, { tables: ['incidents'], startMs: 0, quietMs: 150, cache }),
  )
  await waitFor(() => expect(later.result.current).toBe(1))
  expect(reads).toBe(1)
  await incidentsRepo.addNote(id, 'a change')
  await waitFor(() => expect(later.result.current).toBe(2))
  expect(soon.result.current).toBe(2)
  expect(reads).toBe(2)
})

it('reads again after changes, never two reads at once however many changes come', async () => {
  const { renderHook, waitFor } = await import('@testing-library/react')
  const { useSettledRead } = await import('./hooks')
  const { id } = await incidentsRepo.open({ title: 'Queue stuck' })
  let running = 0
  let most = 0
  let reads = 0
  // A slow read, as every incident's summary is at 100,000 incidents.
  const load = async () => {
    running++
    most = Math.max(most, running)
    await new Promise((resolve) => setTimeout(resolve, 80))
    running--
    return ++reads
  }
  const options = { tables: ['incidents'], startMs: 0, quietMs: 5 }
  const { result } = renderHook(() => useSettledRead(load, options))
  await waitFor(() => expect(result.current).toBe(1))
  // Changes keep coming, each after the quiet time, while reads are under way.
  for (let n = 0; n < 8; n++) {
    await incidentsRepo.addNote(id, `note ${n}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await waitFor(() => expect(running).toBe(0))
  await new Promise((resolve) => setTimeout(resolve, 150))
  expect(most).toBe(1)
  // The last change is in the last read.
  expect(result.current).toBe(reads)
  expect(reads).toBeGreaterThan(1)
  expect(reads).toBeLessThan(8)
})
