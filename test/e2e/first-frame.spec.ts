import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import type { Incident } from '../../src/shared/domain/model'
import { sortForHome } from '../../src/renderer/src/features/incidents/home-order'
import { generateDataset } from '../../bench/generate.mjs'
import { countRows, newIncident, openApp, phaseHeading, seedDatabase } from './helpers'

/** Waits until the list's picture (saved a moment after it changes) shows `text`. */
async function pictureSaved(page: Page, text: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('steady.first-frame') ?? ''))
    .toContain(text)
}

/**
 * Reloads with the app's code held back, so the picture painted before it stays up; the returned
 * function lets the app's code load (`abort` refuses it instead).
 */
async function restartHoldingTheApp(page: Page, abort = false): Promise<() => void> {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/assets\/start-[^/]+\.js$/, async (route) => {
    if (abort) return route.abort()
    await held
    await route.continue()
  })
  await page.reload()
  return release
}

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
  await pictureSaved(page, 'Search is slow')
  const release = await restartHoldingTheApp(page)
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
  await pictureSaved(page, 'Login fails')
  const release = await restartHoldingTheApp(page)
  await expect(page.locator('#first-frame')).toBeVisible()
  await page.keyboard.press('n')
  release()
  await expect(page.getByLabel('What is happening?')).toBeFocused()
  await expect(page.getByLabel('What is happening?')).toHaveValue('')
})

test('a list longer than its first page still scrolls and searches through every incident', async ({
  page,
}) => {
  await openApp(page)
  const { incidents, events } = generateDataset(80, { eventsPer: 4, bigEvents: 4 })
  await seedDatabase(page, { incidents, events })
  await page.reload()
  // Written from outside the app, they get their summaries a moment after start-up; from then on
  // every start lists them at once.
  await expect.poll(() => countRows(page, 'summaries')).toBe(await countRows(page, 'incidents'))
  await page.reload()
  const list = page.getByRole('list', { name: 'Incidents' })
  await expect(list).not.toHaveAttribute('aria-busy')
  // The incident the list shows last is far beyond its first page: scrolling reaches it...
  const last = sortForHome(incidents).at(-1) as Incident
  await list.hover()
  // As a user does: scrolling on while the list reads its next pages (slower on a busy machine).
  await expect(async () => {
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 2000)
    await expect(list.getByRole('button').filter({ hasText: last.title })).toBeVisible({
      timeout: 500,
    })
  }).toPass({ timeout: 20_000 })
  // ...and so does search.
  await page.mouse.wheel(0, -40_000)
  await page.getByLabel('Search incidents').fill(last.title)
  await expect(list.getByRole('button').filter({ hasText: last.title }).first()).toBeVisible()
  expect(await list.getByRole('button').count()).toBeLessThan(30)
})

test('when the app’s code cannot load, the picture gives way to a clear message', async ({
  page,
  consoleErrors,
}) => {
  await openApp(page)
  await newIncident(page, 'Queue is stuck')
  await page.getByRole('button', { name: 'Incidents' }).click()
  await pictureSaved(page, 'Queue is stuck')
  await restartHoldingTheApp(page, true)
  await expect(page.getByRole('alert')).toHaveText(/Steady could not load\. Reload the window/)
  await expect(page.locator('#first-frame')).toBeHidden()
  // The browser reports the refused request itself; that, and only that, is expected here.
  const unexpected = consoleErrors.filter(
    (e) => !/Failed to (load resource|fetch dynamically)/.test(e),
  )
  consoleErrors.length = 0
  expect(unexpected).toEqual([])
})
