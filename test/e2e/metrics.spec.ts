import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  expectAccessible,
  metricsTableSaved,
  newIncident,
  openApp,
  phaseHeading,
  resolveQuickly,
} from './helpers'

/** The app opened with two incidents resolved; the sidebar's button back to the list. */
async function twoResolved(page: Page) {
  await openApp(page)
  const home = page.getByRole('button', { name: 'Incidents', exact: true })
  await resolveQuickly(page, 'Checkout returns 502')
  await home.click()
  await resolveQuickly(page, 'Search index stale')
  return home
}

test('metrics show the period honestly, and the review report exports as Markdown with SVG charts', async ({
  page,
}) => {
  const home = await twoResolved(page)
  await home.click()
  await newIncident(page, 'Failover drill for the primary database')
  await page.getByRole('button', { name: 'Metrics' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Metrics' })).toBeVisible()
  await page.getByLabel('Period').selectOption('this-quarter')

  // Three incidents, too few for trends, and the screen says so.
  await expect(page.getByText(/^3 incidents started in Q\d 2026/)).toBeVisible()
  await expect(page.getByText('Only 3 incidents: read these numbers as stories')).toBeVisible()
  const chart = page.getByRole('img', { name: 'Incidents per week by severity' })
  await expect(chart).toBeVisible()
  // The chart's numbers, as a table.
  const figure = page.getByRole('figure').filter({ has: chart })
  await figure.getByText('Show the numbers').click()
  const totals = figure.getByRole('row').last()
  await expect(totals.getByRole('cell').last()).toHaveText('3')
  await expect(
    page.getByRole('img', { name: /^Time to mitigate, every incident as a dot/ }),
  ).toBeVisible()
  await expectAccessible(page, 'metrics')

  // Drills are not outages: one marked as a drill leaves the counts, and is named apart.
  await home.click()
  await page.getByRole('button', { name: /Failover drill/ }).click()
  await expect(page.getByLabel('What is happening?')).toBeVisible()
  await page.keyboard.press('Control+Enter')
  await expect(phaseHeading(page, 'How bad is it, and who is affected?')).toBeVisible()
  await page.getByRole('radio', { name: 'Drill' }).check()
  await page.getByRole('button', { name: 'Metrics' }).click()
  await page.getByLabel('Period').selectOption('this-quarter')
  await expect(
    page.getByText(/^2 incidents started in Q\d 2026 \(1 drill in the period/),
  ).toBeVisible()
  await page.getByRole('checkbox', { name: 'Count drills' }).check()
  await expect(page.getByText(/^3 incidents started/)).toBeVisible()
  await page.getByRole('checkbox', { name: 'Count drills' }).uncheck()

  // As a PDF: printed in the light theme whatever the screen shows, charts redrawn in its colours.
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.evaluate(() => {
    window.print = () => {
      const bars = document.querySelector('.chart-canvas svg rect')
      ;(window as { printed?: unknown }).printed = [
        document.documentElement.dataset['theme'],
        bars?.getAttribute('fill'),
      ]
    }
  })
  await page.getByRole('button', { name: 'Export PDF…' }).click()
  await expect(page.getByText(/^Printed\. To keep a file/)).toBeVisible()
  expect(await page.evaluate(() => (window as { printed?: unknown }).printed)).toEqual([
    'light',
    'rgb(138, 97, 0)', // SEV3 in the light theme
  ])
  expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBeUndefined()
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('button', { name: 'Export review report…' })).toBeHidden()
  await expect(chart).toBeVisible()
  await page.emulateMedia({ media: 'screen' })

  const downloads: Download[] = []
  page.on('download', (d) => downloads.push(d))
  await page.getByRole('button', { name: 'Export review report…' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Exported the report' })).toBeVisible()
  await expect.poll(() => downloads.length).toBe(5)
  const files = Object.fromEntries(
    await Promise.all(
      downloads.map(async (d) => [d.suggestedFilename(), await readFile(await d.path(), 'utf8')]),
    ),
  ) as Record<string, string>
  const md = Object.entries(files).find(([name]) => name.endsWith('.md'))
  expect(md?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}-reliability-review-2026-q\d\.md$/)
  const report = md?.[1] ?? ''
  expect(report).toMatch(/^# Reliability review: Q\d 2026\n/)
  expect(report).toContain('2 incidents started in the period (1 drill not counted).')
  expect(report).toMatch(/\| SEV3 \| Checkout returns 502 \| +\| Resolved \|/)
  expect(report).toContain('Search index stale')
  expect(report).not.toContain('Failover drill')
  for (const [name, svg] of Object.entries(files).filter(([n]) => n.endsWith('.svg'))) {
    expect(report, name).toContain(`](${name})`)
    expect(svg, name).toMatch(/^<\?xml[^>]*>\n<svg [^>]*aria-label=/)
  }
})

test('after a restart, Metrics opens from the table it saved and counts what changed while it was closed', async ({
  page,
}) => {
  const home = await twoResolved(page)
  const metrics = async () => {
    await page.getByRole('button', { name: 'Metrics' }).click()
    await page.getByLabel('Period').selectOption('this-quarter')
  }
  await metrics()
  await expect(page.getByText(/^2 incidents started in Q\d 2026/)).toBeVisible()
  // Made from every incident, the table is saved at once.
  await expect.poll(() => metricsTableSaved(page), { timeout: 15_000 }).toBe(true)

  // Written with Metrics closed: a new incident; then the app starts again.
  await home.click()
  await newIncident(page, 'Queue consumers stuck')
  await page.reload()
  await metrics()
  await expect(page.getByText(/^3 incidents started in Q\d 2026/)).toBeVisible()
})
