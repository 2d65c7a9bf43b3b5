// Export everything (plain and compressed, the compressed one being what an automatic backup
// writes) and import it into an empty profile: time, file size, the page's heap after, the
// longest task on the page. Every file Steady writes must come back: the import is checked.
import { readFile, stat } from 'node:fs/promises'
import { BASE, heapAfterGc, newProfile, timeUntil } from '../lib/session.mjs'
import { measure } from '../lib/stats.mjs'

async function exportOnce(page, compressed) {
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('checkbox', { name: /Compress the export/ }).setChecked(compressed)
  const download = page.waitForEvent('download', { timeout: 600_000 })
  const { ms, longestTaskMs } = await timeUntil(
    page,
    () =>
      [...document.querySelectorAll('[role="status"]')].some((s) =>
        s.textContent.startsWith('Exported'),
      ),
    () => page.getByRole('button', { name: 'Export everything…' }).click(),
    undefined,
    600_000,
  )
  const file = await (await download).path()
  const said = await page
    .getByRole('status')
    .filter({ hasText: /^Exported/ })
    .first()
    .textContent()
  const count = Number(/Exported ([\d,]+) incident/.exec(said ?? '')?.[1]?.replace(/,/g, ''))
  return { ms, longestTaskMs, file, bytes: (await stat(file)).size, count }
}

export async function exportImport({ page, cdp, browser }) {
  const plain = await exportOnce(page, false)
  const gz = await exportOnce(page, true)
  const heap = await heapAfterGc(page, cdp)

  // Into an empty profile: the file chosen, until "Imported" is announced.
  const profile = await newProfile(browser)
  const fresh = await profile.newPage()
  await fresh.goto(`${BASE}/`)
  await fresh.getByRole('navigation', { name: 'Main' }).waitFor()
  await fresh.getByRole('button', { name: 'Settings' }).click()
  const imported = await timeUntil(
    fresh,
    () =>
      [...document.querySelectorAll('[role="status"]')].some((s) =>
        /^Imported|^Couldn't/.test(s.textContent),
      ),
    () => fresh.getByLabel('Import file').setInputFiles(gz.file),
    undefined,
    900_000,
  )
  const said = await fresh
    .getByRole('status')
    .filter({ hasText: /^Imported|^Couldn't/ })
    .first()
    .textContent()
  if (!said?.startsWith(`Imported: ${gz.count} added`))
    throw new Error(`The compressed export did not import back: ${said}`)
  await profile.close()
  // Quick sanity on the plain file too: it is JSON that starts like an export.
  const head = (await readFile(plain.file)).subarray(0, 30).toString()
  if (!head.startsWith('{"format":"steady-export"')) throw new Error('The export is not an export')

  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return [
    measure('exportPlain', 'Export everything (.json)', plain.ms, {
      budget: '≤ 2 s',
      limit: 2000,
      against: `${mb(plain.bytes)}; longest task ${plain.longestTaskMs.toFixed(0)} ms`,
    }),
    measure('exportGzip', 'Export everything compressed (= a backup)', gz.ms, {
      budget: '≤ 2 s',
      limit: 2000,
      against: `${mb(gz.bytes)}; longest task ${gz.longestTaskMs.toFixed(0)} ms`,
    }),
    measure('heapAfterExport', 'JS heap after the exports', heap, {
      unit: 'MB',
      budget: '≤ 150 MB',
      limit: 150,
    }),
    measure('import', 'Import that file into an empty app', imported.ms, {
      budget: '≤ 10 s',
      limit: 10_000,
      against: `longest task on the page ${imported.longestTaskMs.toFixed(0)} ms`,
    }),
  ]
}
