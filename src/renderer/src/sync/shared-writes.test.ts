import Dexie from 'dexie'
import { expect, it } from 'vitest'
import { testDb } from '../db/test-db'
import { SharedWrites } from './shared-writes'

it('runs works that arrive together in one transaction, and a keyed work waiting only once', async () => {
  const { db } = testDb()
  const writes = new SharedWrites(db)
  const transactions = new Set<unknown>()
  let pulls = 0
  const work = async () => {
    transactions.add(Dexie.currentTransaction)
    await db.ydocs.count()
  }
  const pull = () => {
    pulls++
    return work()
  }
  await Promise.all([
    writes.run(work),
    writes.run(work),
    writes.runOnce('a pull', pull),
    writes.runOnce('a pull', pull),
  ])
  expect(transactions.size).toBe(1)
  expect(pulls).toBe(1)
  // Once it has run, the key can be asked for again.
  await writes.runOnce('a pull', pull)
  expect(pulls).toBe(2)
})
