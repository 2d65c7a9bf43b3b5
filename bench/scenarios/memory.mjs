// Memory: the page's heap at steady state (after garbage collection, a while after start-up with
// every engine loaded), and whether it grows over many list ↔ incident round trips.
import { heapAfterGc } from '../lib/session.mjs'
import { measure } from '../lib/stats.mjs'

export async function memory({ page, cdp, quick }) {
  await page.getByRole('button', { name: 'Incidents', exact: true }).click()
  await page.locator('.incident-row').first().waitFor()
  await page.waitForTimeout(quick ? 3000 : 60_000)
  const steady = await heapAfterGc(page, cdp)
  const trips = quick ? 10 : 100
  for (let trip = 0; trip < trips; trip++) {
    await page
      .locator('.incident-row')
      .nth(trip % 5)
      .click()
    await page.locator('.phase-goal').waitFor()
    await page.getByRole('button', { name: 'Incidents', exact: true }).click()
    await page.locator('.incident-row').first().waitFor()
  }
  const after = await heapAfterGc(page, cdp)
  return [
    measure('heapSteady', 'JS heap at steady state (page)', steady, {
      unit: 'MB',
      budget: '≤ 150 MB',
      limit: 150,
    }),
    measure('heapGrowth', `Heap growth over ${trips} list ↔ incident trips`, after - steady, {
      unit: 'MB',
      budget: '≤ 5 MB',
      limit: 5,
      against: `${steady.toFixed(0)} → ${after.toFixed(0)} MB`,
    }),
  ]
}
