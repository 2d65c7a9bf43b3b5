import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { db } from '../../db/instance'
import { countReads } from '../../db/test-db'
import { PlatformContext } from '../../platform/platform-context'
import { createWebPlatform } from '../../platform/web'
import { ActionItemsPage } from './ActionItemsPage'

it('lists the outstanding items of a long history reading only them, and keeps the two-week rule over all', async () => {
  const counted = countReads(db)
  const history = generateDataset(600, { eventsPer: 2, bigEvents: 2 })
  await db.incidents.bulkPut(history.incidents)
  await db.actionItems.bulkPut(history.actionItems)
  // What the page reads (the writes above read summaries and items to keep the digests).
  const before = { ...counted }
  const read = (table: string) => (counted[table] ?? 0) - (before[table] ?? 0)
  const outstanding = history.actionItems.filter((a) => a.status !== 'verified')
  const theirIncidents = new Set(outstanding.map((a) => a.incidentId))
  expect(outstanding.length).toBeLessThan(history.actionItems.length / 4)

  render(
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <ActionItemsPage />
    </PlatformContext.Provider>,
  )
  // Read and shown: a second or more on a busy machine (the default wait is one).
  const table = await screen.findByRole(
    'table',
    { name: 'Outstanding action items' },
    { timeout: 4000 },
  )
  // Twenty-five at a time (a header row above them), twenty-five more on request; the rest are
  // counted.
  expect(outstanding.length).toBeGreaterThan(50)
  expect(within(table).getAllByRole('row')).toHaveLength(25 + 1)
  fireEvent.click(await screen.findByRole('button', { name: /^Show 25 more action items/ }))
  await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(50 + 1))
  expect(screen.getByRole('button', { name: /^Show \d+ more action items/ }).textContent).toContain(
    `(${outstanding.length - 50} not shown)`,
  )
  // Every item done within two weeks (the history's closed incidents) counts.
  const verified = history.actionItems.length - outstanding.length
  await waitFor(() =>
    expect(document.querySelector('.two-week-rule')?.textContent).toMatch(
      `Done within two weeks: ${verified} of ${history.actionItems.length}`,
    ),
  )
  // Items read: the outstanding ones only (the rule counts the others from the summaries), and
  // the first page of each status once more, shown while they are read.
  expect(read('actionItems')).toBeGreaterThanOrEqual(outstanding.length)
  expect(read('actionItems')).toBeLessThanOrEqual(outstanding.length + 2 * 25)
  // Whole incidents read: none (titles come from the summaries, each read once).
  expect(read('incidents')).toBe(0)
  expect(read('summaries')).toBeLessThanOrEqual(history.incidents.length + theirIncidents.size)
})

it('offers the 200 incidents with the soonest items in its incident filter, and says how many more', async () => {
  const history = generateDataset(260, { eventsPer: 2, bigEvents: 2 })
  await db.incidents.bulkPut(history.incidents)
  // One open item in every incident, the first incident's due soonest.
  const now = Date.now()
  await db.actionItems.bulkPut(
    history.incidents.map((incident, n) => ({
      ...history.actionItems[0]!,
      id: `due-${n}`,
      incidentId: incident.id,
      title: `Item ${n}`,
      status: 'open' as const,
      dueAt: now + n * 60_000,
    })),
  )
  render(
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <ActionItemsPage />
    </PlatformContext.Provider>,
  )
  await screen.findByRole('table', { name: 'Outstanding action items' })
  const filter = screen.getByRole('combobox', { name: 'Incident' })
  const options = () => within(filter).getAllByRole('option')
  await waitFor(() => expect(options().length).toBeGreaterThan(200))
  const withItems = new Set(
    (await db.actionItems.toArray())
      .filter((i) => i.status !== 'verified')
      .map((i) => i.incidentId),
  ).size
  // "Any incident", the 200 soonest, and a line for the others (which cannot be chosen).
  expect(options()).toHaveLength(1 + 200 + 1)
  const more = options().at(-1) as HTMLOptionElement
  expect(more.disabled).toBe(true)
  expect(more.textContent).toContain(`and ${withItems - 200} other incidents`)
  // The soonest is offered; choosing it lists its items only.
  const first = history.incidents[0]!
  fireEvent.change(filter, { target: { value: first.id } })
  const table = await screen.findByRole('table', { name: 'Outstanding action items' })
  await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 1))
  expect(within(table).getByDisplayValue('Item 0')).toBeTruthy()
})
