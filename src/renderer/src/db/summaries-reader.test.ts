import type { Table } from 'dexie'
import { expect, it, vi } from 'vitest'
import { listRow } from '@shared/domain/summary'
import { generateDataset } from '../../../../bench/generate.mjs'
import { summariesOf, summariesReader } from './summaries-reader'
import { countReads, putHistory, testDb } from './test-db'

it('reads every row once, then only those that changed, and agrees with a whole read', async () => {
  const t = testDb()
  const reads = countReads(t.db)
  const history = generateDataset(300, { eventsPer: 1, bigEvents: 0 })
  await putHistory(t.db, history)
  // The list's rows: what is read whole and what is read again are made the same way.
  const reader = summariesReader(t.db, listRow)
  const always = () => true
  const whole = async () => (await t.db.summaries.toArray()).map(listRow)
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

  // Across the key order: the first and one in the middle changed, the one before the last
  // deleted (the last stays as it was).
  const ids = next.list?.map((s) => s.id) ?? []
  await t.db.incidents.update(ids[0] as string, { title: 'First, changed' })
  await t.db.incidents.update(ids[150] as string, { title: 'Middle, changed' })
  await t.db.incidents.delete(ids.at(-2) as string)
  const ends = await summariesRead()
  expect(ends.count).toBeLessThanOrEqual(3)
  expect(ends.list).toEqual(await whole())

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
  const reader = summariesReader(t.db, listRow)
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

it('reads the summaries of the ids wanted, in runs of neighbouring keys, and no others', async () => {
  const t = testDb()
  const reads = countReads(t.db)
  await putHistory(t.db, generateDataset(120, { eventsPer: 1, bigEvents: 0 }))
  const all = await t.db.summaries.toArray()
  const before = reads['summaries'] ?? 0
  const keys = all.map((s) => s.id).sort()
  // Every third one, then a long run; the keys between runs are summaries not wanted.
  const wanted = keys.filter((_, n) => n % 3 === 0 || (n > 40 && n < 90))
  const options = { slice: 7, inFlight: 3, gap: 0 }
  const found = await summariesOf(t.db, wanted.toReversed(), keys, options)
  expect(found.map((s) => s.id).sort()).toEqual(wanted)
  expect(found).toEqual(expect.arrayContaining(all.filter((s) => wanted.includes(s.id))))
  // Nothing read but what was wanted: no run reaches over a key not wanted.
  expect((reads['summaries'] ?? 0) - before).toBe(wanted.length)
  // Runs reaching over two keys not wanted: those are read too, and left.
  const told: string[] = []
  const overGaps = await summariesOf(t.db, wanted, keys, {
    ...options,
    gap: 2,
    each: (summary) => told.push(summary.id),
  })
  expect(overGaps.map((s) => s.id).sort()).toEqual(wanted)
  // Told of each summary found, as it is found, and of no other read with it.
  expect(told).toEqual(overGaps.map((s) => s.id))
  expect((reads['summaries'] ?? 0) - before).toBeGreaterThan(2 * wanted.length)
  // A key not among `keys` is not read.
  expect(await summariesOf(t.db, ['nowhere', keys[0] as string], keys)).toHaveLength(1)
})
