// @vitest-environment node
import 'fake-indexeddb/auto'
import type { ActionItem } from '@shared/domain/model'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { countReads, testDb } from '../test-db'
import { outstandingActionItems, soonestOutstanding, summariesWithStatus } from './incident'

const template = generateDataset(1, { eventsPer: 1, bigEvents: 0 }).actionItems[0]

const item = (id: string, status: ActionItem['status'], dueAt: number | null): ActionItem =>
  ({ ...template, id, incidentId: 'inc', status, dueAt }) as ActionItem

it('reads every outstanding item in slices, soonest due first, runs due at one moment whole and undated items last', async () => {
  const { db } = testDb()
  const reads = countReads(db)
  await db.actionItems.bulkPut([
    // Slices of 3: a run of four items due at 20 crosses the first slice's end.
    item('a', 'open', 10),
    item('b', 'open', 20),
    item('c', 'open', 20),
    item('d', 'open', 20),
    item('e', 'open', 20),
    item('f', 'open', 30),
    item('g', 'open', 40),
    item('h', 'open', null),
    item('i', 'done', 15),
    item('j', 'done', null),
    item('v', 'verified', 5),
  ])
  const before = reads['actionItems'] ?? 0
  const items = await outstandingActionItems(db, 3)
  expect(items.map((i) => i.id)).toEqual(['a', 'i', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j'])
  // Never a verified item. The dated ones (two of the run twice), then, as the counts say some
  // have no due date, the outstanding ones once more to find them.
  expect(items.some((i) => i.status === 'verified')).toBe(false)
  expect((reads['actionItems'] ?? 0) - before).toBe(10 + 10)

  // Without undated items, nothing more is read than the dated ones (and the two of the run the first slice held, twice).
  await db.actionItems.bulkDelete(['h', 'j'])
  const again = reads['actionItems'] ?? 0
  expect((await outstandingActionItems(db, 3)).map((i) => i.id)).toEqual([
    'a',
    'i',
    'b',
    'c',
    'd',
    'e',
    'f',
    'g',
  ])
  expect((reads['actionItems'] ?? 0) - again).toBe(8 + 2)

  expect((await soonestOutstanding(db, 2)).map((i) => i.id)).toEqual(['a', 'i'])
})

it('reads the summaries of one status in slices, each once, in id order', async () => {
  const { db } = testDb()
  const reads = countReads(db)
  const history = generateDataset(120, { eventsPer: 1, bigEvents: 0 })
  await db.incidents.bulkPut(history.incidents)
  const want = (status: string) =>
    history.incidents
      .filter((i) => i.status === status)
      .map((i) => i.id)
      .sort()
  for (const status of ['active', 'resolved', 'closed'] as const) {
    const before = reads['summaries'] ?? 0
    // Slices of 7: the last one partial (or empty).
    const got = await summariesWithStatus(db, status, 7)
    expect(got.map((s) => s.id)).toEqual(want(status))
    expect((reads['summaries'] ?? 0) - before).toBe(want(status).length)
  }
  expect(want('closed').length).toBeGreaterThan(7)
})
