import { dueReminders } from '@shared/domain/reminders'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { openSummariesReader, outstandingReader } from '../../db/queries/incident'
import { countReads, testDb } from '../../db/test-db'
import { computeReminders, reminderInputs } from './use-reminders'

const always = () => true

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
  const inputs = await reminderInputs(openSummariesReader(db), outstandingReader(db))(always)
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

it('after a snooze or an edited item, reads only what changed, and computes the same as from scratch', async () => {
  const t = testDb(Date.UTC(2026, 10, 28, 9))
  const reads = countReads(t.db)
  const history = generateDataset(400, { eventsPer: 2, bigEvents: 2, busy: true })
  await t.db.incidents.bulkPut(history.incidents)
  await t.db.actionItems.bulkPut(history.actionItems)
  const load = reminderInputs(openSummariesReader(t.db), outstandingReader(t.db))
  const fromScratch = () =>
    reminderInputs(openSummariesReader(t.db), outstandingReader(t.db))(always)
  const at = t.clock.now
  const remindersOf = async (inputs: Awaited<ReturnType<typeof load>>) =>
    inputs && computeReminders(inputs, DEFAULT_SETTINGS, at, 50)
  const first = await load(always)
  if (!first) throw new Error('no inputs')
  const due = (await remindersOf(first))?.filter((r) => r.at <= at) ?? []
  const reminder = due[0]
  if (!reminder) throw new Error('nothing due in the history')

  // A snooze writes one incident (an event, and its summary): one summary read again, no item.
  await t.incidents.settleReminders([reminder], { snoozeUntil: at + 3_600_000 })
  let before = { ...reads }
  const snoozed = await load(always)
  expect((reads['summaries'] ?? 0) - (before['summaries'] ?? 0)).toBe(1)
  expect((reads['actionItems'] ?? 0) - (before['actionItems'] ?? 0)).toBe(0)
  expect(snoozed).toEqual(await fromScratch())
  // What did not change is the same object, so its reminders are kept, not worked out again.
  const other = first.incidents.find((i) => i.id !== reminder.incidentId)
  expect(snoozed?.incidents.find((i) => i.id === other?.id)).toBe(other)
  const afterSnooze = await remindersOf(snoozed)
  expect(afterSnooze).toEqual(
    dueReminders(snoozed?.incidents ?? [], DEFAULT_SETTINGS, at, snoozed?.items ?? []),
  )
  expect(afterSnooze?.find((r) => r.id === reminder.id)?.at).toBe(at + 3_600_000)

  // An item's due date moved and another verified: two items read; the moved one's reminder moves
  // (an incident's reminders are worked out again when its items change, not only its summary).
  const [moved, verified] = first.items.filter((i) => i.dueAt !== null && i.status === 'open')
  if (!moved || !verified) throw new Error('no open items')
  await t.db.actionItems.update(moved.id, { dueAt: at + 86_400_000 * 3 })
  await t.db.actionItems.update(verified.id, { status: 'verified' })
  before = { ...reads }
  const edited = await load(always)
  expect((reads['actionItems'] ?? 0) - (before['actionItems'] ?? 0)).toBe(2)
  // Each summary carries a digest of its incident's items: those (at most two) are read again.
  expect((reads['summaries'] ?? 0) - (before['summaries'] ?? 0)).toBeLessThanOrEqual(2)
  expect(edited).toEqual(await fromScratch())
  expect(edited?.items.some((i) => i.id === verified.id)).toBe(false)
  expect(await remindersOf(edited)).toEqual(
    dueReminders(edited?.incidents ?? [], DEFAULT_SETTINGS, at, edited?.items ?? []),
  )

  // An incident closed leaves the inputs, and a new one joins them, in the index's order.
  const closing = first.incidents.find((i) => i.status === 'resolved')
  if (!closing) throw new Error('no resolved incident')
  await t.db.incidents.update(closing.id, { status: 'closed' })
  await t.incidents.open({ title: 'Queue stuck' })
  const moved2 = await load(always)
  expect(moved2).toEqual(await fromScratch())
  expect(moved2?.incidents.some((i) => i.id === closing.id)).toBe(false)
})

it('two screens asking at once both get the changed rows', async () => {
  const t = testDb()
  await t.incidents.open({ title: 'Disk full' })
  const load = reminderInputs(openSummariesReader(t.db), outstandingReader(t.db))
  await load(always)
  const { id } = await t.incidents.open({ title: 'Queue stuck' })
  const [a, b] = await Promise.all([load(always), load(always)])
  expect(a?.incidents.some((i) => i.id === id)).toBe(true)
  expect(b?.incidents.some((i) => i.id === id)).toBe(true)
})

it('a read no longer wanted keeps what it read for the next one, without reading it again', async () => {
  const t = testDb()
  const reads = countReads(t.db)
  await t.incidents.open({ title: 'Disk full' })
  const reader = openSummariesReader(t.db)
  await reader.read(always)
  const { id } = await t.incidents.open({ title: 'Queue stuck' })
  expect(await reader.read(() => false)).toBeUndefined()
  const before = reads['summaries'] ?? 0
  const list = await reader.read(always)
  expect(list?.some((i) => i.id === id)).toBe(true)
  // The unwanted read finished: what it read is the next one's, nothing is read again.
  expect((reads['summaries'] ?? 0) - before).toBe(0)
})
