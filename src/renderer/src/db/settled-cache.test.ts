import { expect, it } from 'vitest'
import { settledCache } from './hooks'
import { db, incidentsRepo, actionItemsRepo } from './instance'

it('keeps a read until one of its tables changes, and only its tables', async () => {
  const { id } = await incidentsRepo.open({ title: 'Checkout down' })
  const cache = settledCache<string[]>(['incidents'])
  cache.set(['read'])
  expect(cache.get()).toEqual(['read'])
  await db.table('ydocs').put({ name: 'unrelated', state: new Uint8Array() })
  expect(cache.get()).toEqual(['read'])
  await actionItemsRepo.create(id, { title: 'Alert on 5xx' })
  // Creating an item writes its incident (an event): the read is out of date.
  await expect.poll(() => cache.get()).toBeUndefined()
  cache.set(['again'])
  await incidentsRepo.addNote(id, 'still down')
  await expect.poll(() => cache.get()).toBeUndefined()
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
