import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { db } from '../../db/instance'
import { PlatformContext } from '../../platform/platform-context'
import { createWebPlatform } from '../../platform/web'
import { RemindersPage } from './RemindersPage'

it('shows a long list of due reminders ten incidents at a time', async () => {
  // A bad month: hundreds of incidents in progress, each with reminders due.
  const history = generateDataset(300, { eventsPer: 2, bigEvents: 2, busy: true })
  await db.incidents.bulkPut(history.incidents)
  await db.actionItems.bulkPut(history.actionItems)
  render(
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <RemindersPage />
    </PlatformContext.Provider>,
  )
  // While they are read and computed, it says so: never "Nothing is due" before it knows.
  expect(screen.getByRole('status').textContent).toBe('Looking for what is due…')
  expect(screen.queryByText(/^Nothing is due/)).toBeNull()
  const more = await screen.findByRole('button', { name: /^Show 10 more incidents/ })
  expect(screen.queryByText('Looking for what is due…')).toBeNull()
  const groups = () => document.querySelectorAll('.reminder-group')
  expect(groups()).toHaveLength(10)
  const total = Number(/\((\d+) not shown\)/.exec(more.textContent ?? '')?.[1]) + 10
  expect(total).toBeGreaterThan(20)
  fireEvent.click(more)
  expect(groups()).toHaveLength(20)
})

it('takes a snoozed or dismissed reminder off the list once it is saved, before reading them all again', async () => {
  const history = generateDataset(20, { eventsPer: 2, bigEvents: 2, busy: true })
  await db.incidents.bulkPut(history.incidents)
  render(
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <RemindersPage />
    </PlatformContext.Provider>,
  )
  const rows = await screen.findAllByRole('group', { name: /^Snooze or dismiss: / })
  // From now on, reading the reminders again never finishes (at 100,000 incidents it takes
  // hundreds of milliseconds): only the write itself may stand between the click and the list.
  const never = { limit: () => ({ toArray: () => new Promise(() => undefined) }) }
  const stalled = { between: () => never }
  db.summaries.where = (() => stalled) as never
  try {
    const [dismissed, snoozed] = rows.map((row) => row.closest('li') as HTMLElement)
    fireEvent.click(within(dismissed!).getByRole('button', { name: 'Dismiss' }))
    fireEvent.click(within(snoozed!).getByRole('button', { name: 'Snooze 1 hour' }))
    await waitFor(() => {
      expect(dismissed!.isConnected).toBe(false)
      expect(snoozed!.isConnected).toBe(false)
    })
  } finally {
    delete (db.summaries as { where?: unknown }).where
  }
  // Saved: each is on its incident's timeline.
  const kinds = (await db.events.toArray()).map((e) => e.kind)
  expect(kinds).toEqual(expect.arrayContaining(['reminder-dismissed', 'reminder-snoozed']))
})
