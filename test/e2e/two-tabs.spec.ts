import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { newIncident, openApp, resolveQuickly } from './helpers'

/** A second tab on the same incident: same origin, same database. */
async function secondTab(page: Page, incident: RegExp): Promise<Page> {
  const other = await page.context().newPage()
  await openApp(other)
  await other.getByRole('button', { name: 'Incidents' }).click()
  await other.getByRole('button', { name: incident }).first().click()
  return other
}

test('two tabs on one incident: changes appear in the other, and a same-field clash keeps both', async ({
  page,
}) => {
  await openApp(page)
  await newIncident(page, 'Checkout returns 502 for EU users')
  const other = await secondTab(page, /Checkout returns 502/)
  await expect(other.getByLabel('What is happening?')).toHaveValue(/Checkout returns 502/)

  // A change in one tab appears in the other (which is not editing that field) within a second.
  await page.getByLabel('Title').fill('EU checkout 502')
  await expect(other.getByLabel('Title')).toHaveValue('EU checkout 502', { timeout: 1500 })

  // Both edit "How exactly?" at once. Whichever reached the database last is what both show;
  // the other version is a note on the timeline, and the window that lost its words says so.
  const versions = ['Customer email to support', 'PagerDuty: checkout-5xx']
  await page.getByLabel('How exactly?').fill(versions[0]!)
  await other.getByLabel('How exactly?').fill(versions[1]!)
  const notice = (tab: Page) => tab.getByRole('status').filter({ hasText: 'another window' })
  await expect
    .poll(async () =>
      [...(await notice(page).allTextContents()), ...(await notice(other).allTextContents())].join(
        ' ',
      ),
    )
    .toMatch(
      /How exactly was changed in another window while you edited it here\. Theirs is shown now; yours is on the timeline as a note\./,
    )
  await expect
    .poll(async () => {
      const shown = [
        await page.getByLabel('How exactly?').inputValue(),
        await other.getByLabel('How exactly?').inputValue(),
      ]
      return shown[0] === shown[1] && versions.includes(shown[0]!) ? shown[0] : shown
    })
    .toMatch(/Customer email|PagerDuty/)
  const kept = await page.getByLabel('How exactly?').inputValue()
  const replaced = versions.find((v) => v !== kept)!
  await expect(page.getByRole('complementary', { name: 'Timeline' })).toContainText(
    `This version was replaced by the other: “${replaced}”`,
  )
  await other.close()
})

test('two tabs on one post-mortem: typing in one appears in the other; a clash keeps both versions', async ({
  page,
}) => {
  test.setTimeout(60_000)
  // The tabs' clocks, running as the real one until the clash below holds them.
  await page.clock.install()
  await openApp(page)
  await resolveQuickly(page, 'Search index stale')
  const doc = page.getByRole('textbox', { name: 'Post-mortem document' })
  await expect(page.getByText('Saved', { exact: true })).toBeVisible()
  const other = await secondTab(page, /Search index stale/)
  const otherDoc = other.getByRole('textbox', { name: 'Post-mortem document' })
  await expect(otherDoc).toContainText('Lessons')

  await doc.getByRole('heading', { name: 'Lessons', exact: true }).click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.type('Written in the first tab.')
  await expect(otherDoc).toContainText('Written in the first tab.', { timeout: 2000 })

  // Both type at once (time held still, so neither tab's save can reach the other before both
  // have typed: on a busy machine the first tab's save used to arrive first, and there was no
  // clash): both end up showing the same document, and the words that lost are kept on the
  // timeline.
  // Held a moment from now; on a busy machine getting there can take longer than the moment (the
  // clock refuses to go back), so it is asked again from the new now.
  for (let attempt = 1; ; attempt++) {
    const now = await page.evaluate(() => Date.now())
    const held = await page.clock.pauseAt(now + 20).then(
      () => true,
      (error: unknown) => {
        if (attempt < 5 && String(error).includes('to the past')) return false
        throw error
      },
    )
    if (held) break
  }
  await page.keyboard.type(' More from the first.')
  await otherDoc.getByRole('heading', { name: 'What went well', exact: true }).click()
  await other.keyboard.press('End')
  await other.keyboard.press('ArrowDown')
  await other.keyboard.type('Second tab')
  await page.clock.resume()
  const notice = (tab: Page) =>
    tab.getByRole('status').filter({ hasText: 'post-mortem was changed in another window' })
  await expect
    .poll(async () => (await notice(page).count()) + (await notice(other).count()))
    .toBeGreaterThan(0)
  await expect
    .poll(async () => (await doc.textContent()) === (await otherDoc.textContent()))
    .toBe(true)
  const text = (await doc.textContent()) ?? ''
  const timeline = page.getByRole('complementary', { name: 'Timeline' })
  for (const words of ['More from the first.', 'Second tab']) {
    if (!text.includes(words)) await expect(timeline).toContainText(words)
  }
  await other.close()
})

test('two tabs open when a reminder comes due: it is recorded once, by the tab that keeps the clock', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-26T14:00:00Z') })
  await openApp(page)
  await newIncident(page, 'Orders stuck in pending')
  const other = await page.context().newPage()
  await other.clock.install({ time: new Date('2026-11-26T14:00:05Z') })
  await openApp(other)
  // Both tabs have handed over their schedule before time moves on.
  await page.waitForTimeout(1500)

  await Promise.all([page.clock.fastForward('05:01'), other.clock.fastForward('05:01')])
  await page.getByRole('button', { name: 'Reminders' }).click()
  await expect(
    page
      .getByRole('list', { name: 'Due reminders' })
      .getByRole('listitem', { name: 'Time to move on to triage' }),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Open incident' }).first().click()
  const timeline = page.getByRole('complementary', { name: 'Timeline' })
  await timeline.getByRole('checkbox', { name: 'Show bookkeeping' }).check()
  await expect(timeline.getByText('Reminder: Time to move on to triage')).toHaveCount(1)
  // Time passes in the second tab too: still one entry.
  await other.clock.fastForward('01:00')
  await page.waitForTimeout(2500)
  await expect(timeline.getByText('Reminder: Time to move on to triage')).toHaveCount(1)
})
