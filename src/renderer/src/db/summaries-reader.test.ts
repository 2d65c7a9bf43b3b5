import type { Table } from 'dexie'
import { expect, it, vi } from 'vitest'
import { generateDataset } from '../../../../bench/generate.mjs'
import { summariesReader } from './summaries-reader'
import { countReads, putHistory, testDb } from './test-db'

it('reads every summary once, then only those that changed, and agrees with a whole read', async () => {
  const t = testDb()
  const reads = countReads(t.db)
  const history = generateDataset(300, { eventsPer: 1, bigEvents: 0 })
  await putHistory(t.db, history)
  const reader = summariesReader(t.db)
  const always = () => true
  const whole = () => t.db.summaries.toArray()
  const summariesRead = async () => {
    const before = reads['summaries'] ?? 0
    const list = await reader.read(always)
    return { list, count: (reads['summaries'] ?? 0) - before }
  }

  const first = await summariesRead()
  expect(first.count).toBe(300)
  expect(first.list).toEqual(await whole())

  // One incident changed, one added, one deleted for good: three summaries read, in key order.
  const [a, b] = history.incidents
  if (!a || !b) throw new Error('no incidents')
  await t.db.incidents.update(a.id, { title: 'Checkout returns 502 again' })
  const { id } = await t.incidents.open({ title: 'Queue stuck' })
  await t.db.incidents.delete(b.id)
  const next = await summariesRead()
  expect(next.count).toBeLessThanOrEqual(3)
  expect(next.list).toEqual(await whole())
  expect(next.list?.find((s) => s.id === a.id)?.title).toBe('Checkout returns 502 again')
  expect(next.list?.some((s) => s.id === id)).toBe(true)
  expect(next.list?.some((s) => s.id === b.id)).toBe(false)

  // Nothing changed: nothing read.
  expect((await summariesRead()).count).toBe(0)

  // A clear (a restore) reads everything again.
  await t.db.transaction('rw', t.db.incidents, () => t.db.incidents.clear())
  await t.db.incidents.bulkPut(history.incidents.slice(0, 10))
  const restored = await summariesRead()
  expect(restored.list).toEqual(await whole())
  expect(restored.list).toHaveLength(10)
  reader.stop()
})

it('a read that fails leaves what changed for the next one', async () => {
  const t = testDb()
  const { id } = await t.incidents.open({ title: 'Queue stuck' })
  const reader = summariesReader(t.db)
  await reader.read(() => true)
  await t.db.incidents.update(id, { title: 'Queue stuck again' })
  // The storage refuses once (a disk error, say).
  const bulkGet = vi
    .spyOn(Object.getPrototypeOf(t.db.summaries) as Table, 'bulkGet')
    .mockRejectedValueOnce(new Error('disk'))
  await expect(reader.read(() => true)).rejects.toThrow('disk')
  expect((await reader.read(() => true))?.[0]?.title).toBe('Queue stuck again')
  bulkGet.mockRestore()
  reader.stop()
})
