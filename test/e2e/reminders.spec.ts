import { expect, test } from './fixtures'
import { expectAccessible, newIncident, openApp } from './helpers'

test('an incident left in capture is due for a reminder after 5 minutes; a snooze moves it; the timeline records both', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-26T14:00:00Z') })
  await openApp(page)
  await newIncident(page, 'Orders stuck in pending')
  await page.getByRole('button', { name: 'Reminders' }).click()
  const upcoming = page.getByRole('list', { name: 'Upcoming reminders' })
  const due = page.getByRole('list', { name: 'Due reminders' })
  await expect(upcoming.getByRole('listitem', { name: 'Time to move on to triage' })).toBeVisible()
  await expect(due).toBeHidden()

  await page.clock.fastForward('05:01')
  await expect(due.getByRole('listitem', { name: 'Time to move on to triage' })).toBeVisible()
  await expectAccessible(page, 'reminder center')

  await due.getByRole('button', { name: 'Snooze 10 minutes' }).click()
  await expect(due).toBeHidden()
  await expect(upcoming.getByRole('listitem', { name: 'Time to move on to triage' })).toContainText(
    '14:15',
  )

  await upcoming.getByRole('button', { name: 'Open incident' }).click()
  const timeline = page.getByRole('complementary', { name: 'Timeline' })
  // Reminders are bookkeeping: on the record, out of the story until asked for.
  await expect(timeline).not.toContainText('Reminder: Time')
  await timeline.getByRole('checkbox', { name: 'Show bookkeeping' }).check()
  await expect(timeline).toContainText('Reminder: Time to move on to triage')
  await expect(timeline).toContainText('Reminder snoozed: Time to move on to triage')
})

test('reminder rules can be turned off in settings', async ({ page }) => {
  await openApp(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('checkbox', { name: 'Capture timebox is up' }).uncheck()
  await expectAccessible(page, 'settings')
  await newIncident(page, 'Quiet one')
  await page.getByRole('button', { name: 'Reminders' }).click()
  await expect(page.getByText('No reminder is scheduled.')).toBeVisible()
})
