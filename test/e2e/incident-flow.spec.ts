import { expect, test } from './fixtures'
import { expectAccessible, newIncident, openApp, phaseHeading } from './helpers'

test('a whole incident, from a keystroke to resolved, survives a reload and writes its timeline', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await openApp(page)
  await expectAccessible(page, 'incidents (empty)')

  // Capture
  await newIncident(page, 'Checkout returns 502 for EU users')
  await page
    .getByRole('group', { name: 'When did it start?: quick picks' })
    .getByRole('button', { name: '15 min ago' })
    .click()
  await page.getByRole('radio', { name: 'User report' }).check()
  await page
    .getByLabel('Error messages')
    .fill('upstream connect error or disconnect/reset before headers')
  await page.getByLabel('Status codes').fill('502')
  await page.keyboard.press('Enter')
  await page.getByLabel('Affected endpoints').fill('POST /api/checkout')
  await page.keyboard.press('Enter')
  await expectAccessible(page, 'capture')
  await page.keyboard.press('Control+Enter')

  // Triage, with the helper's suggestion
  await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
  await page.getByText('Not sure? Answer three questions').click()
  await page
    .getByRole('group', { name: 'Who is affected?' })
    .getByRole('radio', { name: 'Some users' })
    .check()
  await page
    .getByRole('group', { name: 'Is data or security at risk?' })
    .getByRole('radio', { name: 'No' })
    .check()
  await page
    .getByRole('group', { name: 'Is there a workaround?' })
    .getByRole('radio', { name: 'No' })
    .check()
  await page.getByRole('button', { name: 'Use SEV2' }).click()
  await expect(page.getByRole('radio', { name: /^SEV2/ })).toBeChecked()
  await page
    .getByRole('group', { name: 'Scope' })
    .getByRole('radio', { name: 'Some users' })
    .check()
  await page.getByLabel('Scope notes').fill('EU region only')
  await page.getByText('What changed recently?').click()
  await page.getByRole('checkbox', { name: 'Recent deploys' }).check()
  await page.getByLabel('Recent deploys: notes').fill('Deploy 4182 at 13:55')
  await page.getByRole('radio', { name: /Roll back/ }).check()
  await expectAccessible(page, 'triage')

  // A reload in the middle: everything typed is still there.
  await page.reload()
  await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
  await expect(page.getByLabel('Scope notes')).toHaveValue('EU region only')
  await expect(page.getByLabel('Recent deploys: notes')).toHaveValue('Deploy 4182 at 13:55')
  await expect(page.getByRole('radio', { name: /Roll back/ })).toBeChecked()
  await expect(page.getByRole('radio', { name: /^SEV2/ })).toBeChecked()
  await page.keyboard.press('Control+Enter')

  // Mitigate: one attempt fails, the next works.
  await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()
  await page.getByRole('button', { name: 'Disable the feature flag' }).click()
  await page.getByLabel('What you expect').fill('502s stop')
  await page.getByLabel('What you observed').fill('Still 502')
  await page.getByRole('radio', { name: 'Failed' }).check()
  await page.getByRole('button', { name: 'Log this attempt' }).click()
  await expect(page.getByText("That didn't work. Try the next option")).toBeVisible()
  // The form is ready for the next attempt.
  await expect(page.getByRole('radio', { name: 'Failed' })).not.toBeChecked()
  await expect(page.getByLabel('Action')).toHaveValue('')
  await page.getByRole('button', { name: 'Roll back the deploy' }).click()
  await page.getByLabel('What you observed').fill('Errors back to baseline')
  await page.getByRole('radio', { name: 'Worked', exact: true }).check()
  await page.getByRole('button', { name: 'Log this attempt' }).click()
  await expectAccessible(page, 'mitigate')
  await page.getByRole('button', { name: /Users are back — verified/ }).click()
  await expect(page.getByText(/Users verified back/)).toBeVisible()
  await page.keyboard.press('Control+Enter')

  // Diagnose: two hypotheses, the chain and the root cause.
  await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
  const statements = ['The feature flag service is down', 'Deploy 4182 broke the EU gateway config']
  for (const [index, statement] of statements.entries()) {
    await page.getByLabel('Hypothesis', { exact: true }).fill(statement)
    await page.getByRole('button', { name: 'Add hypothesis' }).click()
    await expect(page.getByRole('listitem', { name: `Hypothesis ${index + 1}` })).toContainText(
      statement,
    )
  }
  await page
    .getByRole('group', { name: 'Result of hypothesis 1' })
    .getByRole('radio', { name: 'Ruled out' })
    .check()
  await page
    .getByRole('group', { name: 'Result of hypothesis 2' })
    .getByRole('radio', { name: 'Confirmed' })
    .check()
  await page.getByLabel('Trigger').fill('Deploy 4182')
  await page.getByLabel('Mechanism').fill('Gateway config lost the EU upstream')
  await page.getByLabel('Impact', { exact: true }).fill('EU checkout returned 502')
  await page.getByLabel('Root cause').fill('Config template had no EU default')
  await expectAccessible(page, 'diagnose')
  await page.keyboard.press('Control+Enter')

  // Fix: the checklist, then resolve.
  await expect(phaseHeading(page, 'Deploy the real fix.')).toBeVisible()
  for (const step of [
    /Fix written/,
    /Regression test/,
    /Tested locally/,
    /Tested in staging/,
    /^Deployed/,
  ]) {
    await page.getByRole('checkbox', { name: step }).check()
  }
  await page.getByRole('checkbox', { name: /Mitigation removed/ }).check()
  await page.getByRole('checkbox', { name: /Verified/ }).check()
  await expect(page.getByText(/Monitoring until/)).toBeVisible()
  await expectAccessible(page, 'fix')
  await page.getByRole('button', { name: /Resolve incident/ }).click()
  const resolve = page.getByRole('dialog', { name: 'Resolve incident' })
  await resolve.getByRole('button', { name: 'Resolve' }).click()
  await expect(page.getByText(/^Resolved .*Take a break/)).toBeVisible()

  // After another reload, the record is whole, and the timeline lists every step in order.
  await page.reload()
  await expect(page.getByRole('checkbox', { name: /Regression test/ })).toBeChecked()
  await page.getByRole('checkbox', { name: 'Show bookkeeping' }).check()
  const timeline = page.getByRole('complementary', { name: 'Timeline' }).getByRole('listitem')
  const steps = await timeline.allTextContents()
  const expected = [
    'Impact started',
    'Incident opened',
    'Moved to Triage',
    'Severity SEV2',
    'Moved to Mitigate',
    'Mitigation: Disable the feature flag — failed',
    'Mitigation: Roll back the deploy — worked',
    'Users are back — mitigation verified',
    'Moved to Diagnose',
    'Hypothesis: The feature flag service is down',
    'Hypothesis: Deploy 4182 broke the EU gateway config',
    'Ruled out: The feature flag service is down',
    'Confirmed: Deploy 4182 broke the EU gateway config',
    'Moved to Fix',
    'Fix deployed',
    'Resolved',
  ]
  let cursor = -1
  for (const step of expected) {
    const at = steps.findIndex((text, i) => i > cursor && text.includes(step))
    expect(at, `"${step}" after step ${cursor} in:\n${steps.join('\n')}`).toBeGreaterThan(cursor)
    cursor = at
  }

  // And the list shows it as resolved.
  await page.getByRole('button', { name: 'Incidents' }).click()
  await expect(
    page.getByRole('button', { name: /Checkout returns 502 for EU users/ }),
  ).toContainText('Resolved')
})

test('moving on before users are verified back asks why, and logs the reason', async ({ page }) => {
  await openApp(page)
  await newIncident(page, 'Search is slow')
  await page.keyboard.press('Control+Enter')
  await page.getByRole('radio', { name: /^SEV3/ }).check()
  await page.getByRole('radio', { name: /^Wait/ }).check()
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()

  await page.getByRole('button', { name: 'Diagnose before verifying' }).click()
  const dialog = page.getByRole('dialog', { name: 'Say why you move on' })
  await expect(dialog).toBeVisible()
  await expectAccessible(page, 'mitigate-first prompt')
  await dialog.getByRole('button', { name: 'Stay and mitigate' }).click()
  await expect(dialog).toBeHidden()
  await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()

  await page.getByRole('button', { name: 'Diagnose before verifying' }).click()
  await dialog.getByLabel('Reason').fill('Need the slow query log to choose a mitigation')
  await dialog.getByRole('button', { name: 'Move on anyway' }).click()
  await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
  await expect(page.getByRole('complementary', { name: 'Timeline' })).toContainText(
    'Moved to Diagnose. Reason: Need the slow query log to choose a mitigation',
  )
})

test('capture refuses to move on without a description, and says what is missing', async ({
  page,
}) => {
  await openApp(page)
  await page.keyboard.press('n')
  await expect(page.getByLabel('What is happening?')).toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByText('Describe what is happening.')).toBeVisible()
  await expect(phaseHeading(page, 'Capture what you see.')).toBeVisible()
})

test('words typed just before a reload are not lost', async ({ page }) => {
  await openApp(page)
  await newIncident(page, 'Queue backlog growing')
  await page.getByLabel('Error messages').pressSequentially('ETIMEDOUT redis:6379')
  // No pause, no blur: the page goes away right after the last keystroke.
  await page.reload()
  // The app comes back where it was, with the words.
  await expect(page.getByLabel('Error messages')).toHaveValue('ETIMEDOUT redis:6379')
})

test('the incidents list filters and searches as you type', async ({ page }) => {
  await openApp(page)
  for (const text of ['Checkout 502 in EU', 'Login page slow', 'Checkout timeouts in US']) {
    await newIncident(page, text)
    await page.getByRole('button', { name: 'Incidents' }).click()
  }
  await page.keyboard.press('/')
  await expect(page.getByLabel('Search incidents')).toBeFocused()
  await page.keyboard.type('checkout')
  const rows = page.getByRole('list', { name: 'Incidents' }).getByRole('button')
  await expect(rows).toHaveCount(2)
  await page.keyboard.type(' us')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('Checkout timeouts in US')
  // A typo is forgiven; what was written in a note is found too, after title matches.
  await page.getByLabel('Search incidents').fill('chekout')
  await expect(rows).toHaveCount(2)
  await page.getByLabel('Search incidents').fill('')
  await rows.filter({ hasText: 'Login page slow' }).click()
  await page.getByRole('textbox', { name: 'Add a note to the timeline' }).fill('Checkout is fine')
  await page.keyboard.press('Control+Enter')
  await page.getByRole('button', { name: 'Incidents' }).click()
  await page.getByLabel('Search incidents').fill('checkout')
  await expect(rows).toHaveCount(3)
  await expect(rows.last()).toContainText('Login page slow')
  // The index lives in a worker, off the page's thread, and is saved: after a reload the note
  // is found again at once.
  expect(page.workers().some((w) => w.url().includes('search.worker'))).toBe(true)
  await page.reload()
  await page.getByLabel('Search incidents').fill('checkout')
  await expect(rows).toHaveCount(3)
  await page.getByLabel('Search incidents').fill('')
  await page.getByLabel('Phase').selectOption('triage')
  await expect(page.getByText('No incident matches these filters.')).toBeVisible()
  await expectAccessible(page, 'incidents list')
})
