// Start-up: the first rows against a blank page of the same build, the live list, and a click on
// the first frame's picture until the incident it names is open.
import { readFileSync, writeFileSync } from 'node:fs'
import { BASE, coldPage } from '../lib/session.mjs'
import { measure, median } from '../lib/stats.mjs'

/** A blank page of the same build: its index.html and stylesheet, under the same CSP, no script. */
export function writeBlankPage() {
  const html = readFileSync('out/renderer/index.html', 'utf8')
  writeFileSync('out/renderer/bench-blank.html', html.replace(/<script[\s\S]*?<\/script>/g, ''))
}

export async function start({ context, runs, quick }) {
  // A page load varies with whatever else the machine does, so each start is paired with a blank
  // page loaded just before it; the ratio is judged on each pair. The first start is a warm-up:
  // it has no saved picture of the list yet (see first-frame.ts).
  const blank = []
  const first = []
  const live = []
  const wholeTasks = []
  const pairs = quick ? 1 : runs * 3
  for (let run = 0; run < pairs + 1; run++) {
    const b = await coldPage(context, `${BASE}/bench-blank.html`, (p) => p.waitForLoadState('load'))
    const blankMs = await b.page.evaluate(
      () => performance.getEntriesByType('navigation')[0].loadEventEnd,
    )
    await b.page.close()
    const a = await coldPage(context, `${BASE}/`, async (p) => {
      await p.waitForFunction(() => window.__liveRows !== undefined, null, { timeout: 300_000 })
      // Until every incident is in the list (it is busy until then), and a moment after.
      await p.waitForFunction(
        () => document.querySelector('.incident-list:not([aria-busy])'),
        null,
        { timeout: 300_000 },
      )
      await p.waitForTimeout(500)
    })
    const [appMs, liveMs, longest] = await a.page.evaluate(() => [
      window.__firstRows,
      window.__liveRows,
      Math.max(
        0,
        ...window.__tasks.filter((t) => t.startTime >= window.__liveRows).map((t) => t.duration),
      ),
    ])
    await a.page.close()
    if (run > 0) {
      blank.push(blankMs)
      first.push(appMs)
      live.push(liveMs)
      wholeTasks.push(longest)
    }
  }
  const ratios = first.map((ms, i) => ms / blank[i])
  const liveRatios = live.map((ms, i) => ms / blank[i])

  // A click on the picture's first row, as soon as it shows, until that incident's screen is up.
  const clicks = []
  for (let run = 0; run < (quick ? 1 : runs); run++) {
    const { page } = await coldPage(context, `${BASE}/`, (p) =>
      p.waitForFunction(() => window.__firstRows !== undefined),
    )
    const clickedAt = await page.evaluate(() => {
      const row =
        document.querySelector('#first-frame .incident-row') ??
        document.querySelector('.incident-row')
      window.__clickedTitle = row?.querySelector('.incident-row-title')?.textContent ?? ''
      row?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
      return performance.now()
    })
    await page.locator('.phase-goal').waitFor({ timeout: 60_000 })
    clicks.push((await page.evaluate(() => performance.now())) - clickedAt)
    // Back to the list: the next start opens where this one was left.
    await page.getByRole('button', { name: 'Incidents', exact: true }).click()
    await page.locator('.incident-row').first().waitFor()
    await page.close()
  }

  return [
    measure('coldStart', 'Cold start to first rows', ratios, {
      budget: '≤ 1.5× blank page',
      limit: 1.5,
      unit: '×',
      against: `first rows ${median(first).toFixed(0)} ms, blank ${median(blank).toFixed(0)} ms`,
    }),
    measure('liveList', 'Live list (the app itself)', liveRatios, {
      budget: '≤ 2× blank page',
      limit: 2,
      unit: '×',
      against: `${median(live).toFixed(0)} ms`,
    }),
    measure('wholeListTask', 'Longest page task until the list has every incident', wholeTasks, {
      budget: '≤ 50 ms',
      limit: 50,
      against: 'from the live first rows until the whole list is shown',
    }),
    measure('pictureClick', 'Click on the start picture → incident open', clicks, {
      budget: '≤ 1 s',
      limit: 1000,
    }),
  ]
}
