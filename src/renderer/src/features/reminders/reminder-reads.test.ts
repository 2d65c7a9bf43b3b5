import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { countReads, testDb } from '../../db/test-db'
import { loadReminderInputs } from './use-reminders'

it('computes reminders from the incidents that can have one, never from the whole history', async () => {
  const { db } = testDb()
  const reads = countReads(db)
  const history = generateDataset(700, { eventsPer: 2, bigEvents: 2 })
  await db.incidents.bulkPut(history.incidents)
  await db.actionItems.bulkPut(history.actionItems)
  const open = history.incidents.filter((i) => i.status === 'active' || i.status === 'resolved')
  const closed = history.incidents.length - open.length
  expect(closed).toBeGreaterThan(100) // the bench history has closed and deleted incidents
  const outstanding = history.actionItems.filter((a) => a.status !== 'verified').length

  const before = { ...reads }
  const inputs = await loadReminderInputs(() => true, db)
  expect(inputs?.incidents).toHaveLength(open.length)
  // The summary of each incident that can have a reminder, once, and no other; no whole incident.
  expect((reads['summaries'] ?? 0) - (before['summaries'] ?? 0)).toBe(open.length)
  // Through the status index: not fetched one by one (15,000 requests at 100,000 incidents).
  expect((reads['summaries:by key'] ?? 0) - (before['summaries:by key'] ?? 0)).toBe(0)
  expect((reads['incidents'] ?? 0) - (before['incidents'] ?? 0)).toBe(0)
  expect((reads['actionItems'] ?? 0) - (before['actionItems'] ?? 0)).toBeLessThanOrEqual(
    outstanding,
  )
})
