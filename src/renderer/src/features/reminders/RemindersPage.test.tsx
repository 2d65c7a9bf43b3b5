import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { expect, it, vi } from 'vitest'
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

/** Twenty incidents in progress, each with reminders due, and the reminder center open on them. */
async function openOnBusyHistory() {
  const history = generateDataset(20, { eventsPer: 2, bigEvents: 2, busy: true })
  await db.incidents.bulkPut(history.incidents)
  render(
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <RemindersPage />
    </PlatformContext.Provider>,
  )
}

it('takes a snoozed or dismissed reminder off the list at once, before it is saved or read again', async () => {
  await openOnBusyHistory()
  const rows = await screen.findAllByRole('group', { name: /^Snooze or dismiss: / })
  // From now on, reading the reminders again never finishes (at 100,000 incidents it takes
  // hundreds of milliseconds): only the write itself may stand between the click and the list.
  const never = { limit: () => ({ toArray: () => new Promise(() => undefined) }) }
  const stalled = { between: () => never }
  db.summaries.where = (() => stalled) as never
  try {
    const [dismissed, snoozed, next] = rows.map((row) => row.closest('li') as HTMLElement)
    const dismiss = within(dismissed!).getByRole('button', { name: 'Dismiss' })
    // From the keyboard: the focus goes on to the next reminder, not back to the page's start.
    dismiss.focus()
    fireEvent.click(dismiss)
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(snoozed!).getByRole('button', { name: 'Snooze 10 minutes' }),
      ),
    )
    fireEvent.click(within(snoozed!).getByRole('button', { name: 'Snooze 1 hour' }))
    // In the click's own render: its write has not finished yet.
    expect(dismissed!.isConnected).toBe(false)
    expect(snoozed!.isConnected).toBe(false)
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(next!).getByRole('button', { name: 'Snooze 10 minutes' }),
      ),
    )
    await waitFor(async () => expect(await db.events.count()).toBeGreaterThan(0))
  } finally {
    delete (db.summaries as { where?: unknown }).where
  }
  // Saved: each is on its incident's timeline.
  const kinds = (await db.events.toArray()).map((e) => e.kind)
  expect(kinds).toEqual(expect.arrayContaining(['reminder-dismissed', 'reminder-snoozed']))
})

it('puts a reminder back, and says why, when its snooze cannot be saved', async () => {
  await Promise.all(db.tables.map((table) => table.clear()))
  await openOnBusyHistory()
  const [row] = await screen.findAllByRole('group', { name: /^Snooze or dismiss: / })
  const reminder = row!.getAttribute('aria-label')!
  const name = row!.closest('.reminder-group')!.getAttribute('aria-label')!
  // The disk refuses the write.
  const refused = vi.spyOn(db, 'transaction').mockRejectedValueOnce(new Error('The disk is full.'))
  try {
    fireEvent.click(within(row!).getByRole('button', { name: 'Snooze 1 hour' }))
    expect(row!.isConnected).toBe(false)
    const alert = await screen.findByRole('alert')
    const title = reminder.replace('Snooze or dismiss: ', '')
    expect(alert.textContent).toBe(
      `Could not snooze “${title}” (${name}): This change was not saved: The disk is full. It is back in the list.`,
    )
    // Said on the reminder's own row, back in its incident's group (where the user is looking).
    const group = screen.getByRole('region', { name })
    expect(within(group).getAllByRole('group', { name: reminder }).length).toBeGreaterThan(0)
    expect(within(group).getByRole('alert')).toBe(alert)
  } finally {
    refused.mockRestore()
  }
  expect(await db.events.count()).toBe(0)
})
