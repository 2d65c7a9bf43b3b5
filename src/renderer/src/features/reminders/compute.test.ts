import { byTime, dueReminders, type Reminder } from '@shared/domain/reminders'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import type { IncidentSummary } from '@shared/domain/summary'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { computeReminders, inTimeOrder } from './use-reminders'

it('computes reminders a few milliseconds at a time, the same as all at once, once for every caller', async () => {
  const history = generateDataset(200, { eventsPer: 2, bigEvents: 2, busy: true })
  const incidents = history.incidents.filter(
    (i) => i.status === 'active' || i.status === 'resolved',
  )
  const inputs = { incidents: incidents as IncidentSummary[], items: history.actionItems }
  const at = Date.now()
  const whole = dueReminders(inputs.incidents, DEFAULT_SETTINGS, at, inputs.items)
  expect(whole.length).toBeGreaterThan(100)
  // Slices of no time at all: one incident each; incidents' items found across slices.
  const sliced = computeReminders(inputs, DEFAULT_SETTINGS, at, 0)
  let done = false
  void sliced.then(() => (done = true))
  await Promise.resolve()
  // It gave the page its turn (it would be done by now in one go).
  expect(done).toBe(false)
  expect(await sliced).toEqual(whole)
  // The engine and the reminder center ask for the same: one computation.
  expect(computeReminders(inputs, { ...DEFAULT_SETTINGS }, at, 0)).toBe(sliced)
  expect(computeReminders(inputs, DEFAULT_SETTINGS, at + 1, 0)).not.toBe(sliced)
})

it('works an incident out again when its items change though its summary did not', async () => {
  const history = generateDataset(200, { eventsPer: 2, bigEvents: 2, busy: true })
  const incidents = history.incidents.filter(
    (i) => i.status === 'active' || i.status === 'resolved',
  ) as IncidentSummary[]
  const at = Date.now()
  await computeReminders({ incidents, items: history.actionItems }, DEFAULT_SETTINGS, at)
  // The same summaries (the same objects), one item due a week later.
  const open = incidents.map((i) => i.id)
  const moved = history.actionItems.find(
    (item) => item.status === 'open' && item.dueAt !== null && open.includes(item.incidentId),
  )
  if (!moved) throw new Error('no open item')
  const items = history.actionItems.map((item) =>
    item === moved ? { ...item, dueAt: at + 7 * 86_400_000 } : item,
  )
  const again = await computeReminders({ incidents, items }, DEFAULT_SETTINGS, at)
  expect(again).toEqual(dueReminders(incidents, DEFAULT_SETTINGS, at, items))
  // One incident closed (no longer among them) and another opened: the order is patched, and the
  // same as worked out whole.
  const opened = { ...incidents[0]!, id: 'opened-since' }
  const fewer = [...incidents.slice(2), opened]
  const patched = await computeReminders({ incidents: fewer, items }, DEFAULT_SETTINGS, at)
  expect(patched).toEqual(dueReminders(fewer, DEFAULT_SETTINGS, at, items))
})

it('orders reminders by time, those at the same moment by id, in runs of any length', () => {
  const reminder = (id: string, at: number): Reminder => ({
    id,
    incidentId: id,
    rule: 'postmortem',
    at,
    title: '',
    body: '',
    firedAt: null,
    missed: false,
  })
  // Runs of one, two (in order and not) and five, given against id order.
  const given = [
    reminder('e', 5),
    reminder('b', 2),
    reminder('a', 2),
    reminder('c', 3),
    reminder('d', 3),
    ...['z', 'y', 'x', 'w', 'v'].map((id) => reminder(id, 1)),
    reminder('f', 0),
  ]
  expect(inTimeOrder(given).map((r) => r.id)).toEqual(given.toSorted(byTime).map((r) => r.id))
  expect(
    inTimeOrder(given)
      .map((r) => r.id)
      .join(''),
  ).toBe('fvwxyzabcde')
})
