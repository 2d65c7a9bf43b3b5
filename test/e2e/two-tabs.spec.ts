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

  // Both edit "How exactly?" before either has seen the other's words.
  await page.getByLabel('How exactly?').fill('Customer email to support')
  await other.getByLabel('How exactly?').fill('PagerDuty: checkout-5xx')
  await expect(other.getByRole('status').filter({ hasText: 'another window' })).toHaveText(
    /How exactly was changed in another window while you edited it here\. Yours was kept/,
  )
  // The last writer's words are the field's; the other version is a note on the timeline.
  await expect(page.getByLabel('How exactly?')).toHaveValue('PagerDuty: checkout-5xx')
  await expect(other.getByLabel('How exactly?')).toHaveValue('PagerDuty: checkout-5xx')
  await expect(other.getByRole('complementary', { name: 'Timeline' })).toContainText(
    '“Customer email to support”',
  )
  await other.close()
})

test('two tabs on one post-mortem: typing in one appears in the other; a clash keeps both versions', async ({
  page,
}) => {
  test.setTimeout(60_000)
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

  // Both type at once: the second tab's version is kept, the first's goes to the timeline.
  await page.keyboard.type(' More from the first.')
  await otherDoc.getByRole('heading', { name: 'What went well', exact: true }).click()
  await other.keyboard.press('End')
  await other.keyboard.press('ArrowDown')
  await other.keyboard.type('Second tab')
  await expect(
    other.getByRole('status').filter({ hasText: 'post-mortem was changed in another window' }),
  ).toBeVisible()
  await expect(other.getByRole('complementary', { name: 'Timeline' })).toContainText(
    'More from the first.',
  )
  await expect(doc).toContainText('Second tab', { timeout: 2000 })
  await other.close()
})
