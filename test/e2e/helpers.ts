import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** Opens the app and waits until it has started (the database is open). */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
}

/** No serious or critical accessibility violation on what is shown now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(serious, `accessibility on ${screen}`).toEqual([])
}

export async function newIncident(page: Page, symptoms: string): Promise<void> {
  await page.keyboard.press('n')
  const field = page.getByLabel('What is happening?')
  await expect(field).toBeFocused()
  await field.fill(symptoms)
}

export const phaseHeading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 2, name })
