// Export everything (plain and compressed, the compressed one being what an automatic backup
// writes), export the CSV files and every post-mortem, and import everything into an empty profile: time, file size, the page's heap after, the
// longest task on the page. Every file Steady writes must come back: the import is checked.
import { readFile, stat } from 'node:fs/promises'
import { BASE, diskProfile, heapAfterGc, measures } from '../lib/session.mjs'
import { measure } from '../lib/stats.mjs'

/** Every long task on the page from now on, read with `longestSince()`. */
async function watchTasks(page) {
  await page.evaluate(() => {
    window.__dataTasks = []
    new PerformanceObserver((list) =>
      window.__dataTasks.push(...list.getEntries().map((e) => e.duration)),
    ).observe({ type: 'longtask' })
  })
  return () => page.evaluate(() => Math.max(0, ...window.__dataTasks.splice(0)))
}

/**
 * Waits for `locator`, printing what the page's status says every 30 s: a 100,000-incident import
 * takes minutes, and one that stalls must show where.
 */
async function waitSaying(page, locator, timeout) {
  const began = Date.now()
  for (;;) {
    try {
      return await locator.waitFor({ timeout: Math.min(30_000, began + timeout - Date.now()) })
    } catch (error) {
      if (Date.now() - began >= timeout) throw error
      const said = await page.getByRole('status').allTextContents()
      console.log(`    ${Math.round((Date.now() - began) / 1000)} s: ${said.join(' · ')}`)
    }
  }
}

/** The app measures the export itself, from the click's handler to the file handed over. */
async function exportOnce(page, compressed) {
  const m = measures(page)
  const name = compressed ? 'export-gzip' : 'export'
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('checkbox', { name: /Compress the export/ }).setChecked(compressed)
  const longest = await watchTasks(page)
  const before = await m.count(name)
  const download = page.waitForEvent('download', { timeout: 600_000 })
  await page.getByRole('button', { name: 'Export everything…' }).click()
  await m.waitFor(name, before + 1, 600_000)
  const file = await (await download).path()
  const said = await page
    .getByRole('status')
    .filter({ hasText: /^Exported/ })
    .first()
    .textContent()
  const count = Number(/Exported ([\d,]+) incident/.exec(said ?? '')?.[1]?.replace(/,/g, ''))
  return {
    ms: await m.last(name),
    longestTaskMs: await longest(),
    file,
    bytes: (await stat(file)).size,
    count,
  }
}

/** Both CSV files, until the app has handed them over (two downloads here). */
async function csvOnce(page) {
  const m = measures(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  const longest = await watchTasks(page)
  const before = await m.count('export-csv')
  const files = []
  const taking = (download) => files.push(download.path())
  page.on('download', taking)
  await page.getByRole('button', { name: 'Export CSV files…' }).click()
  await m.waitFor('export-csv', before + 1, 600_000)
  await page
    .getByRole('status')
    .filter({ hasText: /^Exported .* action items? to/ })
    .waitFor()
  page.off('download', taking)
  const sizes = await Promise.all(files.map(async (file) => (await stat(await file)).size))
  const heads = await Promise.all(
    files.map(async (file) => (await readFile(await file)).subarray(0, 20).toString()),
  )
  if (sizes.length !== 2 || !heads.every((head) => head.startsWith('id,')))
    throw new Error(`The CSV export did not write its two files: ${heads.join(' | ')}`)
  return { ms: await m.last('export-csv'), longestTaskMs: await longest(), sizes }
}

/** Every post-mortem into a folder (a download each here), until the app says it is done. */
async function postmortemsOnce(page) {
  const m = measures(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  const longest = await watchTasks(page)
  const before = await m.count('export-postmortems')
  await page.getByRole('button', { name: 'Export all post-mortems…' }).click()
  await m.waitFor('export-postmortems', before + 1, 900_000)
  const said = await page
    .getByRole('status')
    .filter({ hasText: /^Exported [\d,]+ post-mortems? to/ })
    .textContent()
  const count = Number(/Exported ([\d,]+)/.exec(said ?? '')?.[1]?.replace(/,/g, ''))
  if (!count) throw new Error(`The post-mortems were not exported: ${said}`)
  return { ms: await m.last('export-postmortems'), longestTaskMs: await longest(), count }
}

/**
 * The import's floor: how long IndexedDB itself takes to write the same rows into stores with the
 * same keys and indexes as the app's, 5,000 rows a transaction, in an empty profile like the
 * import's. The file is read a line at a time (Steady writes a row per line; at 100,000 incidents
 * it is larger than a string can be), and only the writes are timed.
 */
async function rawWrite(file) {
  const profile = await diskProfile()
  const page = await profile.context.newPage()
  await page.goto(`${BASE}/`)
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
  await page.evaluate(() => {
    const input = document.createElement('input')
    input.type = 'file'
    input.id = 'bench-raw-file'
    document.body.append(input)
  })
  await page.locator('#bench-raw-file').setInputFiles(file)
  const ms = await page.evaluate(async () => {
    const request = (r) =>
      new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const names = ['incidents', 'events', 'actionItems', 'postmortems']
    const app = await request(indexedDB.open('steady'))
    const tables = names.map((name) => {
      const store = app.transaction(name).objectStore(name)
      const indexes = [...store.indexNames].map((n) => store.index(n))
      return { name, keyPath: store.keyPath, indexes: indexes.map((i) => [i.name, i.keyPath]) }
    })
    app.close()
    const open = indexedDB.open('raw-baseline', 1)
    open.onupgradeneeded = () => {
      for (const t of tables) {
        const store = open.result.createObjectStore(t.name, { keyPath: t.keyPath })
        for (const [name, keyPath] of t.indexes) store.createIndex(name, keyPath)
      }
    }
    const db = await request(open)
    let writing = 0
    const write = async (name, rows) => {
      const start = performance.now()
      const tx = db.transaction(name, 'readwrite')
      const store = tx.objectStore(name)
      for (const row of rows) store.put(row)
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve
        tx.onabort = () =>
          reject(new Error(`raw write aborted: ${tx.error?.name} ${tx.error?.message}`))
      })
      writing += performance.now() - start
    }
    const input = document.getElementById('bench-raw-file')
    const lines = input.files[0]
      .stream()
      .pipeThrough(new DecompressionStream('gzip'))
      .pipeThrough(new TextDecoderStream())
      .getReader()
    let table = null
    let rows = []
    let rest = ''
    for (;;) {
      const { done, value } = await lines.read()
      const text = rest + (value ?? '')
      const parts = text.split('\n')
      rest = done ? '' : (parts.pop() ?? '')
      for (const line of parts) {
        const named = /^"(\w+)":\[/.exec(line)
        if (named) table = names.includes(named[1]) ? named[1] : null
        else if (table && line.startsWith('{')) {
          rows.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line))
          if (rows.length === 5000) {
            await write(table, rows)
            rows = []
          }
        } else if (line.startsWith(']')) {
          if (table && rows.length) await write(table, rows)
          rows = []
          table = null
        }
      }
      if (done) break
    }
    return writing
  })
  await profile.close()
  return ms
}

/** The export's floor: how long IndexedDB itself takes to read every row it writes (getAll). */
const rawRead = (page) =>
  page.evaluate(async () => {
    const request = (r) =>
      new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const db = await request(indexedDB.open('steady'))
    const start = performance.now()
    for (const name of ['incidents', 'events', 'actionItems', 'postmortems'])
      await request(db.transaction(name).objectStore(name).getAll())
    const ms = performance.now() - start
    db.close()
    return ms
  })

export async function exportImport({ page, cdp }) {
  const readMs = await rawRead(page)
  // The read's rows are the benchmark's garbage, not the app's (a gigabyte at 100,000 incidents):
  // collected before the app is timed, or the exports after it pay for their collection.
  await heapAfterGc(page, cdp)
  const plain = await exportOnce(page, false)
  const gz = await exportOnce(page, true)
  const csv = await csvOnce(page)
  const postmortems = await postmortemsOnce(page)
  const heap = await heapAfterGc(page, cdp)

  // Into an empty profile: the file chosen, until "Imported" is announced.
  // On disk, as the app's own: a profile in memory holds IndexedDB in the browser's memory, and
  // refuses 100,000 incidents (QuotaExceededError).
  const profile = await diskProfile()
  const fresh = await profile.context.newPage()
  await fresh.goto(`${BASE}/`)
  await fresh.getByRole('navigation', { name: 'Main' }).waitFor()
  await fresh.getByRole('button', { name: 'Settings' }).click()
  const longest = await watchTasks(fresh)
  await fresh.getByLabel('Import file').setInputFiles(gz.file)
  const done = fresh.getByRole('status').filter({ hasText: /^Imported|^Couldn't/ })
  await waitSaying(fresh, done.first(), 900_000)
  const said = await done.first().textContent()
  if (!said?.startsWith(`Imported: ${gz.count} added`))
    throw new Error(`The compressed export did not import back: ${said}`)
  const imported = { ms: await measures(fresh).last('import'), longestTaskMs: await longest() }
  await profile.close()
  const rawMs = await rawWrite(gz.file)
  // The plain file too is an export.
  const head = (await readFile(plain.file)).subarray(0, 30).toString()
  if (!head.startsWith('{"format":"steady-export"')) throw new Error('The export is not an export')

  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return [
    measure('exportPlain', 'Export everything (.json)', plain.ms, {
      budget: '≤ 2 s',
      limit: 2000,
      against: `${mb(plain.bytes)}; ${(plain.ms / readMs).toFixed(1)}× IndexedDB reading the same rows (${(readMs / 1000).toFixed(1)} s); longest task ${plain.longestTaskMs.toFixed(0)} ms`,
    }),
    measure('exportGzip', 'Export everything compressed (= a backup)', gz.ms, {
      budget: '≤ 2 s',
      limit: 2000,
      against: `${mb(gz.bytes)}; longest task ${gz.longestTaskMs.toFixed(0)} ms`,
    }),
    measure('exportCsv', 'Export CSV files (incidents, action items)', csv.ms, {
      budget: '≤ 2 s',
      limit: 2000,
      against: csv.sizes.map(mb).join(' + '),
    }),
    measure('exportCsvTask', 'Longest page task while exporting CSV', csv.longestTaskMs, {
      budget: '≤ 50 ms',
      limit: 50,
    }),
    measure('exportPostmortems', 'Export every post-mortem (a file each)', postmortems.ms, {
      against: `${postmortems.count} files, ${(postmortems.ms / postmortems.count).toFixed(1)} ms each`,
    }),
    measure(
      'exportPostmortemsTask',
      'Longest page task while exporting post-mortems',
      postmortems.longestTaskMs,
      {
        budget: '≤ 50 ms',
        limit: 50,
      },
    ),
    measure('heapAfterExport', 'JS heap after the exports', heap, {
      unit: 'MB',
      budget: '≤ 150 MB',
      limit: 150,
    }),
    measure('import', 'Import that file into an empty app', imported.ms, {
      budget: '≤ 10 s',
      limit: 10_000,
      against: `${(imported.ms / rawMs).toFixed(1)}× IndexedDB writing the same rows (${(rawMs / 1000).toFixed(1)} s); longest task on the page ${imported.longestTaskMs.toFixed(0)} ms`,
    }),
  ]
}
