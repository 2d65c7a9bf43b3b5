// The browser side of the benchmark: the built app served on a port, a browser profile per size,
// pages opened cold, the dataset written straight into IndexedDB, and the measures the app leaves
// (performance.measure('steady:…')) read back.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumOptions } from '../../scripts/chromium.mjs'
import { seedPage } from './seed.mjs'

export const PORT = 5499
export const BASE = `http://127.0.0.1:${PORT}`

export async function startServer() {
  const server = spawn(process.execPath, ['scripts/serve-web.mjs', '--port', String(PORT)], {
    stdio: 'ignore',
  })
  await new Promise((r) => setTimeout(r, 600))
  return server
}

const LAUNCH = {
  ...chromiumOptions,
  // Heap figures at full precision, and garbage collection on demand (steady-state heap).
  args: [...chromiumOptions.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
}
const PROFILE = { viewport: { width: 1280, height: 800 }, acceptDownloads: true }

export const launch = () => chromium.launch(LAUNCH)

/** A fresh profile kept in memory: for a small step (an import, a teammate) beside the main one. */
export const newProfile = (browser) => browser.newContext(PROFILE)

/**
 * A profile on disk, as the app's own: where the history is seeded. (A profile in memory holds
 * IndexedDB in the browser's memory too: 100,000 incidents crashed it while seeding.)
 */
export async function diskProfile(keep) {
  const dir = keep ?? (await mkdtemp(join(tmpdir(), 'steady-bench-')))
  const context = await chromium.launchPersistentContext(dir, { ...LAUNCH, ...PROFILE })
  const close = async () => {
    await context.close()
    if (!keep) await rm(dir, { recursive: true, force: true })
  }
  return { context, close }
}

/**
 * A page loaded with the cache off, recording from its first moment every long task, when the
 * incidents list first shows rows (the first frame's picture, when there is one) and when the live
 * list has replaced the picture.
 */
export async function coldPage(context, url, onReady) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await page.addInitScript(() => {
    window.__tasks = []
    new PerformanceObserver((list) => window.__tasks.push(...list.getEntries())).observe({
      type: 'longtask',
      buffered: true,
    })
    new MutationObserver((_, observer) => {
      const rows = document.querySelector('.incident-row')
      if (rows && !window.__firstRows) window.__firstRows = performance.now()
      if (rows && !document.getElementById('first-frame')) {
        window.__liveRows = performance.now()
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  await page.goto(url)
  await onReady(page)
  return { page, cdp }
}

/** Opens the app and waits for the live list (every incident read). */
export async function appPage(context) {
  const opened = await coldPage(context, `${BASE}/`, (p) =>
    p.waitForFunction(() => window.__liveRows !== undefined, null, { timeout: 300_000 }),
  )
  await opened.page.locator('.incident-list:not([aria-busy])').waitFor({ timeout: 300_000 })
  return opened
}

/**
 * A kept profile opens where its last run left the app (an incident, say): forgotten, so every run
 * starts on the incidents list, as a seeded one does.
 */
export async function forgetScreen(context) {
  const page = await context.newPage()
  await page.goto(`${BASE}/`)
  await page.evaluate(() => localStorage.removeItem('steady.ui'))
  await page.close()
}

/** Opens the app once so it makes its database, then writes `count` generated incidents into it. */
export async function seed(context, count) {
  const page = await context.newPage()
  await page.goto(`${BASE}/`)
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
  const written = await seedPage(page, count)
  // The app then writes each incident's summary (written around it, they have none) once.
  // Polled by evaluating (which waits for the answer): waitForFunction took the pending promise
  // itself as true, and the history went on with one summary in ten, written at the next start
  // while the first scenarios ran (Metrics after a change: 37 s at 100,000).
  await page.reload()
  const countsAgree = async () => {
    const db = await new Promise((resolve) => {
      const r = indexedDB.open('steady')
      r.onsuccess = () => resolve(r.result)
    })
    const count = (name) =>
      new Promise((resolve) => {
        const r = db.transaction(name).objectStore(name).count()
        r.onsuccess = () => resolve(r.result)
      })
    const [incidents, summaries] = await Promise.all([count('incidents'), count('summaries')])
    db.close()
    return incidents === summaries
  }
  for (const end = Date.now() + 900_000; !(await page.evaluate(countsAgree));) {
    if (Date.now() > end) throw new Error('The app did not summarize the seeded history.')
    await page.waitForTimeout(1000)
  }
  await page.close()
  return written
}

/** The measures the app leaves on a page: the last of a name, and waiting for the n-th. */
export function measures(page) {
  const last = (name) =>
    page.evaluate((name) => {
      const entries = performance.getEntriesByName(`steady:${name}`)
      return entries.length ? entries[entries.length - 1].duration : null
    }, name)
  const waitFor = (name, count, timeout = 120_000) =>
    page.waitForFunction(
      ([name, count]) => performance.getEntriesByName(`steady:${name}`).length >= count,
      [name, count],
      { timeout },
    )
  const count = (name) =>
    page.evaluate((name) => performance.getEntriesByName(`steady:${name}`).length, name)
  return { last, waitFor, count }
}

/** The page's JS heap in MB after a full garbage collection (its steady state, not its peak). */
export async function heapAfterGc(page, cdp) {
  await page.evaluate(() => window.gc?.())
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize / 1024 / 1024
}

/**
 * Milliseconds from `act` until the frame after `done` holds on the page (checked on every DOM
 * change): what the user sees, not only what is in the DOM (work queued ahead of the frame holds
 * it off the screen). And the longest task meanwhile. `done` runs in the page.
 */
export async function timeUntil(page, done, act, arg, timeout = 120_000) {
  await page.evaluate(
    ([source, arg]) => {
      const check = new Function('arg', `return (${source})(arg)`)
      window.__until = { start: undefined, end: undefined, tasks: [] }
      const until = window.__until
      // From the user's input itself (not from when the driver began to act).
      const begin = (event) => (until.start ??= event.timeStamp)
      for (const type of ['pointerdown', 'keydown', 'input', 'change'])
        window.addEventListener(type, begin, { capture: true, once: true })
      until.fallback = performance.now()
      new PerformanceObserver((list, observer) => {
        until.tasks.push(...list.getEntries())
        if (until.end !== undefined) observer.disconnect()
      }).observe({ type: 'longtask' })
      const test = () => {
        if (until.done === undefined && until.start !== undefined && check(arg)) {
          until.done = performance.now()
          requestAnimationFrame(() => (until.end = performance.now()))
        }
        return until.end !== undefined
      }
      window.__untilCheck = test
      new MutationObserver((_, observer) => {
        test()
        if (until.done !== undefined) observer.disconnect()
      }).observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
      })
    },
    [done.toString(), arg],
  )
  await act()
  await page.evaluate(() => {
    const until = window.__until
    until.start ??= until.fallback
    // Already true on the input's own task (no DOM change came after it).
    if (until.end === undefined) setTimeout(() => window.__untilCheck?.(), 0)
  })
  await page.waitForFunction(
    () => window.__untilCheck?.() || window.__until.end !== undefined,
    null,
    {
      timeout,
    },
  )
  // Long tasks are reported a moment after they end.
  await page.waitForTimeout(100)
  // The app's tasks from the input on: not the driver's own work before it (finding a button by
  // its role and name walks the page's accessibility tree, hundreds of milliseconds on a long
  // list).
  return page.evaluate(() => {
    const { start, end, tasks } = window.__until
    const after = tasks.filter((t) => t.startTime + t.duration > start)
    return { ms: end - start, longestTaskMs: Math.max(0, ...after.map((t) => t.duration)) }
  })
}
