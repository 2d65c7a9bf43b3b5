import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import * as drive from '../drive.mjs'

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

/** N, then the symptoms (test/drive.mjs), with the field focused by the key press alone. */
export async function newIncident(page: Page, symptoms: string): Promise<void> {
  await drive.newIncident(page, symptoms)
  await expect(page.getByLabel('What is happening?')).toBeFocused()
}

export const { metricsTableSaved, phaseHeading, resolveQuickly, resolveToPostmortem, toMitigate } =
  drive

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
    const tx = db.transaction([...Object.keys(data), 'caches'], 'readwrite')
    for (const [store, rows] of Object.entries(data as Record<string, unknown[]>))
      for (const row of rows) tx.objectStore(store).put(row)
    // Written from outside the app: its next start summarizes them (SUMMARIES_CHECKED).
    tx.objectStore('caches').put({ key: 'summaries-checked', written: Date.now() + Math.random() })
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
