// The browser side of the benchmark: the built app served on a port, a browser profile per size,
// pages opened cold, the dataset written straight into IndexedDB, and the measures the app leaves
// (performance.measure('steady:…')) read back.
import { spawn } from 'node:child_process'
import { chromium } from '@playwright/test'
import { chromiumOptions } from '../../scripts/chromium.mjs'

export const PORT = 5499
export const BASE = `http://127.0.0.1:${PORT}`

export async function startServer() {
  const server = spawn(process.execPath, ['scripts/serve-web.mjs', '--port', String(PORT)], {
    stdio: 'ignore',
  })
  await new Promise((r) => setTimeout(r, 600))
  return server
}

export const launch = () =>
  chromium.launch({
    ...chromiumOptions,
    // Heap figures at full precision, and garbage collection on demand (steady-state heap).
    args: [...chromiumOptions.args, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  })

export const newProfile = (browser) =>
  browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })

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

/** Writes the dataset with raw IndexedDB, in large transactions, after the app made its database. */
export async function seed(context, data) {
  const page = await context.newPage()
  await page.goto(`${BASE}/`)
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
  const CHUNK = 2000
  const byIncident = (rows) => {
    const map = new Map()
    for (const row of rows) {
      const list = map.get(row.incidentId)
      if (list) list.push(row)
      else map.set(row.incidentId, [row])
    }
    return map
  }
  const events = byIncident(data.events)
  const items = byIncident(data.actionItems)
  const postmortems = byIncident(data.postmortems)
  for (let i = 0; i < data.incidents.length; i += CHUNK) {
    const incidents = data.incidents.slice(i, i + CHUNK)
    const of = (map) => incidents.flatMap((incident) => map.get(incident.id) ?? [])
    const chunk = {
      incidents,
      events: of(events),
      actionItems: of(items),
      postmortems: of(postmortems),
    }
    await page.evaluate(async (chunk) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('steady')
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
      const names = Object.keys(chunk)
      const tx = db.transaction(names, 'readwrite', { durability: 'relaxed' })
      for (const name of names) for (const row of chunk[name]) tx.objectStore(name).put(row)
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    }, chunk)
  }
  await page.close()
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
 * Milliseconds from `act` until `done` holds on the page (checked on every DOM change), and the
 * longest task meanwhile. `done` runs in the page.
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
        until.tasks.push(...list.getEntries().map((e) => e.duration))
        if (until.end !== undefined) observer.disconnect()
      }).observe({ type: 'longtask' })
      const test = () => {
        if (until.end === undefined && until.start !== undefined && check(arg))
          until.end = performance.now()
        return until.end !== undefined
      }
      window.__untilCheck = test
      new MutationObserver((_, observer) => test() && observer.disconnect()).observe(document, {
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
  return page.evaluate(() => ({
    ms: window.__until.end - window.__until.start,
    longestTaskMs: Math.max(0, ...window.__until.tasks),
  }))
}
