/**
 * From N to the exported post-mortem with the keyboard alone: no mouse at any step, focus where
 * the work is after each one, and the number of keys counted (printed, so a regression shows).
 */
import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { newIncident, openApp, phaseHeading, resolveToPostmortem, toMitigate } from './helpers'

/** Key presses by kind: commands and moves, and characters typed into fields. */
function keyboard(page: Page) {
  const count = { keys: 0, typed: 0 }
  return {
    count,
    press: async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(key)
      count.keys += times
    },
    type: async (text: string) => {
      await page.keyboard.type(text)
      count.typed += text.length
    },
  }
}

const focused = (locator: Locator, where: string) =>
  expect(locator, `focus after: ${where}`).toBeFocused()

test('N to the Markdown export, keyboard only', async ({ page }) => {
  test.setTimeout(60_000)
  await openApp(page)
  const k = keyboard(page)

  await k.press('n')
  await focused(page.getByLabel('What is happening?'), 'N')
  await k.type('Checkout returns 502 for EU users')
  await expect(page.getByRole('heading', { level: 1, name: /Checkout returns 502/ })).toBeVisible()

  await k.press('Control+Enter')
  await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
  await focused(page.getByRole('radio', { name: /^SEV1/ }), 'moving to Triage')
  await k.press('ArrowDown')
  await expect(page.getByRole('radio', { name: /^SEV2/ })).toBeChecked()
  await k.press('1')
  await expect(page.getByRole('radio', { name: /^Roll back/ })).toBeChecked()

  await k.press('Control+Enter')
  await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()
  const action = page.getByLabel('Action', { exact: true })
  await focused(action, 'moving to Mitigate')
  await k.type('Roll back deploy 4182')
  await k.press('Enter')
  await expect(page.getByText('Roll back deploy 4182', { exact: true })).toBeVisible()
  await focused(action, 'logging an attempt')
  await expect(action).toHaveValue('')

  await k.press('Control+Enter')
  await expect(page.getByText(/Users verified back/)).toBeVisible()
  await k.press('Control+Enter')
  await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
  await focused(page.getByLabel('Hypothesis', { exact: true }), 'moving to Diagnose')

  await k.press('Control+Enter')
  await expect(phaseHeading(page, 'Deploy the real fix.')).toBeVisible()
  await k.press('Control+Enter')
  const resolve = page.getByRole('dialog', { name: 'Resolve incident' })
  await focused(resolve.getByLabel('Resolved at'), 'asking to resolve')
  await k.press('Enter')
  await expect(page.getByText(/^Resolved today/)).toBeVisible()

  await k.press('Control+Enter')
  await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()
  const download = page.waitForEvent('download')
  await k.press('Control+k')
  await k.type('export md')
  await k.press('Enter')
  const file = await readFile(await (await download).path(), 'utf8')
  expect(file).toContain('# Post-mortem: Checkout returns 502 for EU users')
  expect(file).toContain('Roll back deploy 4182')

  console.log(
    `Keyboard only, N to export: ${k.count.keys} keys, ${k.count.typed} characters typed.`,
  )
  expect(k.count.keys).toBeLessThanOrEqual(14)
})

test('a skip link first; Enter or Ctrl+Enter in the note box adds the note; the editor toolbar is one Tab stop', async ({
  page,
}) => {
  await openApp(page)
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()

  await newIncident(page, 'Search index stale')
  await toMitigate(page)
  await page.getByRole('button', { name: /Users are back — verified/ }).click()
  await expect(page.getByText(/Users verified back/)).toBeVisible()
  // The caret put in the note box as the next phase appears (in the very task that draws it,
  // before the screen would put it in the phase's first field on the next frame) stays there:
  // the next keys are meant for it.
  await page.evaluate(() => {
    new MutationObserver((_, observer) => {
      const drawn = [...document.querySelectorAll('h2')].some((h) =>
        h.textContent?.startsWith('Find the root cause'),
      )
      if (!drawn) return
      observer.disconnect()
      const note = [...document.querySelectorAll('label')].find((l) =>
        l.textContent?.includes('Add a note to the timeline'),
      )
      note?.control?.focus()
    }).observe(document.body, { childList: true, subtree: true })
  })
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
  await page.keyboard.type('Paged the search team')
  await expect(page.getByLabel('Add a note to the timeline')).toHaveValue('Paged the search team')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('complementary', { name: 'Timeline' })).toContainText(
    'Paged the search team',
  )
  await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()

  await page.getByLabel('Hypothesis', { exact: true }).focus()
  await page.keyboard.press('Control+Enter')
  await phaseHeading(page, 'Deploy the real fix.').waitFor()
  await resolveToPostmortem(page)
  // Ctrl+Enter in the note box adds the note; the incident stays where it is.
  await page.getByLabel('Add a note to the timeline').focus()
  await page.keyboard.type('Paged the search team')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('complementary', { name: 'Timeline' })).toContainText(
    'Paged the search team',
  )
  await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()

  const toolbar = page.getByRole('toolbar', { name: 'Formatting' })
  await toolbar.getByRole('button', { name: 'Bold' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(toolbar.getByRole('button', { name: 'Italic' })).toBeFocused()
  await page.keyboard.press('End')
  await expect(toolbar.getByRole('button', { name: 'Link' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('textbox', { name: 'Post-mortem document' })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(toolbar.getByRole('button', { name: 'Link' })).toBeFocused()
  expect(await toolbar.locator('[tabindex="0"]').count()).toBe(1)

  // The next section still to write, from the keyboard.
  await page.keyboard.press('Control+j')
  await expect(page.getByRole('textbox', { name: 'Post-mortem document' })).toBeFocused()
  await page.keyboard.type('Nobody watched the index age.')
  await expect(
    page.getByRole('textbox', { name: 'Post-mortem document' }).getByText('Nobody watched'),
  ).toBeVisible()
})

test.describe('in UTC', () => {
  test.use({ timezoneId: 'UTC' })
  test('a time is typed the way it is said: "-10m", "yesterday 23:40", "14:32"; the quick picks are one Tab stop', async ({
    page,
  }) => {
    await page.clock.setFixedTime(new Date('2026-11-27T09:00:00Z'))
    await openApp(page)
    await page.keyboard.press('n')
    await page.keyboard.type('Queue backlog growing')
    const start = page.getByLabel(/^When did it start\?, Exact time/)
    const timeline = page.getByRole('complementary', { name: 'Timeline' })

    await start.fill('-10m')
    await expect(page.getByText('= 27 Nov 08:50')).toBeVisible()
    await start.press('Enter')
    await expect(start).toHaveValue('2026-11-27 08:50')
    await expect(timeline.getByRole('listitem').first()).toContainText('08:50')

    await start.fill('yesterday 23:40')
    await start.press('Enter')
    await expect(start).toHaveValue('2026-11-26 23:40')

    await start.fill('half past two')
    await start.press('Enter')
    await expect(page.getByText(/That is not a time\. Try 14:32/)).toBeVisible()
    await expect(start).toHaveValue('half past two')
    await start.press('Escape')
    await expect(start).toHaveValue('2026-11-26 23:40')

    // The quick picks are one stop: Tab from the first pick lands in the exact time.
    const picks = page.getByRole('group', { name: 'When did it start?: quick picks' })
    await picks.getByRole('button', { name: 'Now', exact: true }).focus()
    await page.keyboard.press('ArrowRight')
    await expect(picks.getByRole('button', { name: '5 min ago', exact: true })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(start).toBeFocused()
  })
})
