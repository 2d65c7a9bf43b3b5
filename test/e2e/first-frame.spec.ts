import { expect, test } from './fixtures'
import { newIncident, openApp, phaseHeading } from './helpers'

test('a restart shows the saved list at once, and a click on it opens that incident', async ({
  page,
}) => {
  await openApp(page)
  for (const symptoms of ['Checkout returns 502', 'Search is slow']) {
    await newIncident(page, symptoms)
    await page.getByRole('button', { name: 'Incidents' }).click()
  }
  const rows = page.getByRole('list', { name: 'Incidents' }).getByRole('button')
  await expect(rows).toHaveCount(2)
  // The list's picture is saved a moment after it changes.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('steady.first-frame') ?? ''))
    .toContain('Search is slow')

  // Hold the app's code back, to look at (and click on) the picture painted before it.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/start-[^/]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.reload()
  const picture = page.locator('#first-frame')
  await expect(picture).toBeVisible()
  await expect(picture.getByRole('button', { name: /Checkout returns 502/ })).toBeVisible()
  await picture.getByRole('button', { name: /Checkout returns 502/ }).click()
  release()

  await expect(picture).toBeHidden()
  await expect(phaseHeading(page, 'Capture what you see.')).toBeVisible()
  await expect(page.getByLabel('What is happening?')).toHaveValue('Checkout returns 502')
})

test('keys pressed before the app has loaded reach it', async ({ page }) => {
  await openApp(page)
  await newIncident(page, 'Login fails')
  await page.getByRole('button', { name: 'Incidents' }).click()
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('steady.first-frame') ?? ''))
    .toContain('Login fails')
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/start-[^/]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.reload()
  await expect(page.locator('#first-frame')).toBeVisible()
  await page.keyboard.press('n')
  release()
  await expect(page.getByLabel('What is happening?')).toBeFocused()
  await expect(page.getByLabel('What is happening?')).toHaveValue('')
})
