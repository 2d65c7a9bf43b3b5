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
  // Check-ins repeat until answered: SEV1 by default, SEV2 when chosen; kept across a reload.
  const repeats = page.getByRole('group', { name: 'Check-ins that repeat until answered' })
  await expect(repeats.getByRole('checkbox', { name: 'SEV1' })).toBeChecked()
  await repeats.getByRole('checkbox', { name: 'SEV2' }).check()
  // Shown again from the database (not from the screen's own copy), then after a reload.
  await page.getByRole('button', { name: 'Incidents' }).click()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(repeats.getByRole('checkbox', { name: 'SEV2' })).toBeChecked()
  await page.reload()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(repeats.getByRole('checkbox', { name: 'SEV2' })).toBeChecked()
  await expect(page.getByRole('checkbox', { name: 'Capture timebox is up' })).not.toBeChecked()
  await expectAccessible(page, 'settings')
  await newIncident(page, 'Quiet one')
  await page.getByRole('button', { name: 'Reminders' }).click()
  await expect(page.getByText('No reminder is scheduled.')).toBeVisible()
})

test('the reminder center scales: 120 due in 120 incidents, a badge, grouped, one snoozed and the rest dismissed together by keyboard; back-filled ones are missed, not due', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await openApp(page)
  await newIncident(page, 'Template')
  await page.getByRole('button', { name: 'Settings' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export everything…' }).click()
  const base = JSON.parse(
    await (await import('node:fs/promises')).readFile(await (await download).path(), 'utf8'),
  ) as { incidents: Record<string, unknown>[] }
  const template = base.incidents[0]!
  const now = Date.now()
  const halfHourAgo = now - 30 * 60_000
  const inCapture = Array.from({ length: 120 }, (_, n) => ({
    ...template,
    id: `load-${n}`,
    title: `Outage ${n}`,
    openedAt: halfHourAgo,
    startedAt: halfHourAgo,
    detectedAt: halfHourAgo,
    phaseEnteredAt: halfHourAgo + n * 1000,
  }))
  // Entered today about an incident resolved two years ago: its post-mortem deadlines were long past.
  const longAgo = now - 2 * 365 * 24 * 3_600_000
  const backfilled = {
    ...template,
    id: 'backfilled',
    title: 'Old outage, entered late',
    openedAt: now,
    startedAt: longAgo,
    detectedAt: longAgo,
    phase: 'postmortem',
    status: 'resolved',
    mitigatedAt: longAgo + 60_000,
    resolvedAt: longAgo + 120_000,
    phaseEnteredAt: now,
  }
  await page.getByLabel('Import file').setInputFiles({
    name: 'load.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        ...base,
        incidents: [...inCapture, backfilled],
        events: [],
        actionItems: [],
        postmortems: [],
      }),
    ),
  })
  await expect(page.getByText('Imported: 121 added, 0 replaced, 0 skipped.')).toBeVisible()

  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('button', { name: /Reminders 120 due/ })).toBeVisible({
    timeout: 10_000,
  })
  await nav.getByRole('button', { name: /Reminders/ }).click()
  await expect(page.getByRole('heading', { name: 'Due now (120)' })).toBeVisible()
  // Grouped by incident, the one overdue longest first.
  await expect(page.getByRole('region', { name: 'Outage 0' })).toBeVisible()
  await expect(
    page.getByText(/Missed: 2 reminders already past when their incident was entered/),
  ).toBeVisible()
  await expectAccessible(page, 'reminder center with 120 due')

  // By keyboard, one at a time: the focus goes on to the next reminder.
  const first = page.getByRole('region', { name: 'Outage 0', exact: true })
  await first.getByRole('button', { name: 'Snooze 1 hour' }).focus()
  await page.keyboard.press('Enter')
  await expect(first).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Due now (119)' })).toBeVisible()
  await expect(
    page
      .getByRole('region', { name: 'Outage 1', exact: true })
      .getByRole('button', { name: 'Snooze 10 minutes' }),
  ).toBeFocused()

  const everything = page.getByRole('group', { name: 'Snooze or dismiss everything due' })
  await everything.getByRole('button', { name: 'Dismiss all 119' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByText('Nothing is due.')).toBeVisible({ timeout: 10_000 })
  await expect(nav.getByRole('button', { name: /due/ })).toHaveCount(0)
})
