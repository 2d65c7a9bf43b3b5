import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
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
  // The header takes its title from the first line once it is saved, which can move what is
  // below it: a click aimed before that could land elsewhere.
  const title = symptoms.split('\n')[0]!.slice(0, 120)
  await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible()
}

export const phaseHeading = (page: Page, name: string | RegExp) =>
  page.getByRole('heading', { level: 2, name })

/** The quickest honest way through the first five phases, ending on the post-mortem. */
export async function resolveQuickly(page: Page, symptoms: string): Promise<void> {
  await newIncident(page, symptoms)
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
  await page.getByRole('radio', { name: /^SEV3/ }).check()
  await page.getByRole('radio', { name: /^Roll back/ }).check()
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Stop the bleeding.')).toBeVisible()
  await page.getByRole('button', { name: /Users are back — verified/ }).click()
  await expect(page.getByText(/Users verified back/)).toBeVisible()
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Find the root cause.')).toBeVisible()
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Deploy the real fix.')).toBeVisible()
  await page.getByRole('button', { name: /Resolve incident/ }).click()
  await page
    .getByRole('dialog', { name: 'Resolve incident' })
    .getByRole('button', { name: 'Resolve' })
    .click()
  await expect(page.getByText(/^Resolved today/)).toBeVisible()
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'Document what happened, and learn.')).toBeVisible()
}

/** The 'Export everything…' file as downloaded: its name and bytes (gzip when `compressed`). */
export async function exportFile(
  page: Page,
  { compressed = false } = {},
): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('checkbox', { name: /Compress the export/ }).setChecked(compressed)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export everything…' }).click()
  const file = await download
  const bytes = await readFile(await file.path())
  expect(file.suggestedFilename()).toMatch(compressed ? /\.json\.gz$/ : /\.json$/)
  expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(compressed)
  return { name: file.suggestedFilename(), bytes }
}

/** Everything in the database, as the 'Export everything…' file (unzipped when `compressed`). */
export async function exportEverything(
  page: Page,
  options: { compressed?: boolean } = {},
): Promise<Record<string, unknown>> {
  const { bytes } = await exportFile(page, options)
  const text = options.compressed ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8')
  return JSON.parse(text) as Record<string, unknown>
}

/** Writes rows (table → rows) straight into the app's database; reload to see them. */
export async function seedDatabase(page: Page, data: object): Promise<void> {
  await page.evaluate(async (data) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open('steady')
      request.onsuccess = () => resolve(request.result)
    })
    const tx = db.transaction(Object.keys(data), 'readwrite')
    for (const [store, rows] of Object.entries(data as Record<string, unknown[]>))
      for (const row of rows) tx.objectStore(store).put(row)
    await new Promise((resolve) => (tx.oncomplete = resolve))
    db.close()
  }, data)
}

/** How many rows a table of the app's database holds. */
export function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (store) =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('steady')
        request.onsuccess = () => {
          const count = request.result.transaction(store).objectStore(store).count()
          count.onsuccess = () => {
            request.result.close()
            resolve(count.result)
          }
        }
      }),
    store,
  )
}
