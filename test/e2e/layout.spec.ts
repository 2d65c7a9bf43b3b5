/**
 * The frame at the sizes people use: a laptop (1280×800), a small window (1024×640), a large screen
 * (1920×1080) and 200% zoom on a laptop (640×400 CSS pixels at scale 2). On every phase screen the
 * primary action is on screen and clickable, the header is still there after scrolling to the end,
 * and nothing overflows sideways.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { generateDataset } from '../../bench/generate.mjs'
import {
  expectAccessible,
  newIncident,
  openApp,
  phaseHeading,
  resolveQuickly,
  seedDatabase,
} from './helpers'

const SIZES = [
  { name: '1024×640', viewport: { width: 1024, height: 640 }, deviceScaleFactor: 1 },
  { name: '1280×800', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: '1920×1080', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
  { name: '200% zoom of 1280×800', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
]

/** What every phase screen must hold to, wherever the form is scrolled. */
async function checkFrame(page: Page, phase: string): Promise<void> {
  const primary = page.getByRole('button', { name: /Ctrl\+Enter/ })
  const title = page.getByRole('heading', { level: 1 }).first()
  const main = page.locator('.incident-main')
  // A new phase starts at its top, wherever the last one was scrolled to.
  await expect
    .poll(() => main.evaluate((el) => el.scrollTop), `${phase}: starts at the top`)
    .toBe(0)
  for (const where of ['top', 'bottom'] as const) {
    await main.evaluate((el, to) => el.scrollTo({ top: to === 'top' ? 0 : el.scrollHeight }), where)
    await expect(primary, `${phase}, ${where}: primary action`).toBeInViewport()
    await primary.click({ trial: true })
    await expect(title, `${phase}, ${where}: header`).toBeInViewport()
  }
  const overflow = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('.main, .incident-main')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.className || el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`),
  )
  expect(overflow, `${phase}: horizontal overflow`).toEqual([])
  // The window itself never scrolls: the header and the action would scroll away with it (a
  // hidden label far down a scrolled form, positioned against the window, made it 150 px taller).
  const tall = await page.evaluate(
    () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
  )
  expect(tall, `${phase}: the window scrolls`).toBeLessThanOrEqual(1)
}

for (const size of SIZES) {
  test.describe(`at ${size.name}`, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor })

    test('every phase keeps its header and its action on screen', async ({ page }) => {
      test.setTimeout(60_000)
      await openApp(page)
      await newIncident(page, 'Checkout returns 502 for EU users since the 14:00 deploy')
      await checkFrame(page, 'Capture')
      await page.keyboard.press('Control+Enter')
      await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
      await checkFrame(page, 'Triage')

      // A refusal shows beside the action and puts the caret where the fix is.
      await page.keyboard.press('Control+Enter')
      await expect(page.getByText('Choose a severity.')).toBeInViewport()
      await expect(page.getByRole('radio', { name: /^SEV1/ })).toBeFocused()

      await page.getByRole('radio', { name: /^SEV2/ }).check()
      await page.getByRole('radio', { name: /^Roll back/ }).check()
      await page.keyboard.press('Control+Enter')
      await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()
      await checkFrame(page, 'Mitigate')
      await page.getByRole('button', { name: /Users are back — verified/ }).click()
      await expect(page.getByText(/Users verified back/)).toBeVisible()
      await page.keyboard.press('Control+Enter')
      await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
      await checkFrame(page, 'Diagnose')
      await page.keyboard.press('Control+Enter')
      await expect(phaseHeading(page, 'Deploy the real fix.')).toBeVisible()
      await checkFrame(page, 'Fix')
      await page.getByRole('button', { name: /Resolve incident/ }).click()
      await page
        .getByRole('dialog', { name: 'Resolve incident' })
        .getByRole('button', { name: 'Resolve' })
        .click()
      await expect(page.getByText(/^Resolved today/)).toBeVisible()
      await page.keyboard.press('Control+Enter')
      await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()
      await checkFrame(page, 'Post-mortem')
      await expectAccessible(page, `post-mortem at ${size.name}`)
      await page.keyboard.press('Control+Enter')
      await expect(phaseHeading(page, 'Make it impossible to recur.')).toBeVisible()
      await checkFrame(page, 'Prevention')
    })
  })
}

test.describe('in a narrow window', () => {
  test.use({ viewport: { width: 1024, height: 640 } })

  test('the sidebar is icons with names, and the timeline is a drawer that gives focus back', async ({
    page,
  }) => {
    await openApp(page)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await expect(nav.getByRole('button', { name: 'Settings' })).toBeVisible()
    expect((await nav.boundingBox())?.width).toBeLessThan(80)
    await newIncident(page, 'Disk full on db-1')
    await expect(page.getByRole('complementary', { name: 'Timeline' })).toHaveCount(0)
    const toggle = page.getByRole('button', { name: 'Timeline' })
    await toggle.click()
    const drawer = page.getByRole('complementary', { name: 'Timeline' })
    await expect(drawer).toBeFocused()
    await expect(drawer).toContainText('Impact started')
    await expectAccessible(page, 'timeline drawer')
    await page.keyboard.press('Escape')
    await expect(drawer).toHaveCount(0)
    await expect(toggle).toBeFocused()
  })
})

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } })

  test('an incident from last year: its timeline puts each dated time above its words, and the exact time shows whole', async ({
    page,
  }) => {
    await openApp(page)
    await newIncident(page, 'Certificate expired on the payments gateway for every merchant')
    const start = page.getByLabel(/^When did it start\?, Exact time/)
    await start.fill('2025-03-12 04:10')
    await start.press('Enter')
    await expect(start).toHaveValue('2025-03-12 04:10')
    // The value is not cut off by the input's own width.
    expect(await start.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(
      true,
    )
    const entry = page
      .getByRole('complementary', { name: 'Timeline' })
      .getByRole('listitem')
      .filter({ hasText: 'Impact started' })
    const time = await entry.locator('time').boundingBox()
    const words = await entry.getByText('Impact started').boundingBox()
    expect(time && words && time.y + time.height <= words.y + 1).toBe(true)
  })
})

test.describe('at 200% zoom of 1280×800', () => {
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 })

  test('the action items table scrolls sideways instead of squeezing its cells', async ({
    page,
  }) => {
    await openApp(page)
    const { incidents, actionItems } = generateDataset(30, { eventsPer: 2, bigEvents: 0 })
    await seedDatabase(page, { incidents, actionItems })
    await page.reload()
    await page.getByRole('button', { name: 'Action items' }).click()
    const table = page.getByRole('table', { name: 'Outstanding action items' })
    const title = table.getByRole('textbox', { name: 'Action item' }).first()
    await expect(title).toBeVisible()
    // A title keeps room to be read (squeezed into a 640-pixel page it had about 110).
    expect(await title.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(150)
    // The page itself does not scroll sideways; the table does, to its last column.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    )
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => !el.closest('.table-scroll'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 8)
        .map(
          (el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`,
        ),
    )
    expect(wide).toEqual([])
    expect(overflow).toBe(false)
    await page.locator('.table-scroll').evaluate((el) => el.scrollTo({ left: el.scrollWidth }))
    await expect(table.getByRole('button', { name: /^Remove/ }).first()).toBeInViewport()
    await expectAccessible(page, 'action items at 200% zoom')
  })
})

test('the timeline shows its newest entry when it opens and after each note', async ({ page }) => {
  test.setTimeout(60_000)
  await openApp(page)
  // On the post-mortem, where the whole timeline shows (not focus mode's last three) beside the
  // document.
  await resolveQuickly(page, 'Checkout returns 502 for EU users')
  const timeline = page.getByRole('complementary', { name: 'Timeline' })
  const entries = timeline.getByRole('list', { name: 'Timeline entries' })
  const note = timeline.getByLabel('Add a note to the timeline')
  // More notes than the timeline has room for: each new one is scrolled into view.
  for (let n = 1; n <= 20; n++) {
    await note.fill(`Note number ${n}`)
    await note.press('Enter')
    await expect(entries.getByRole('listitem').last()).toContainText(`Note number ${n}`)
    await expect(entries.getByText(`Note number ${n}`, { exact: true })).toBeInViewport()
  }
  expect(await entries.evaluate((el) => el.scrollHeight > el.clientHeight + 100)).toBe(true)
  // Opened again, it starts at the newest entry, not at the top.
  await page.getByRole('button', { name: 'Incidents', exact: true }).click()
  await page.getByRole('button', { name: /Checkout returns 502/ }).click()
  await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()
  await expect(entries.getByText('Note number 20', { exact: true })).toBeInViewport()
  await expect(entries.getByText('Note number 1', { exact: true })).not.toBeInViewport()
})
