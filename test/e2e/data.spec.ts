import { strFromU8, unzipSync } from 'fflate'
import { readFile, writeFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import type { Download, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { importCorpus } from '../fixtures/import-corpus'
import { expectAccessible, exportEverything, exportFile, openApp, resolveQuickly } from './helpers'

/** For comparing two exports: everything but the moment each was made. */
const content = (data: Record<string, unknown>) => ({ ...data, exportedAt: null })

async function importText(page: Page, text: string | Buffer, name = 'steady-export.json') {
  await page.getByRole('button', { name: 'Settings' }).click()
  // Playwright hands over at most 50 MB as a buffer; larger files go through the disk.
  if (text.length > 40 * 1024 * 1024) {
    const file = test.info().outputPath('steady-export.json')
    await writeFile(file, text)
    return page.getByLabel('Import file').setInputFiles(file)
  }
  await page.getByLabel('Import file').setInputFiles({
    name,
    mimeType: name.endsWith('.gz') ? 'application/gzip' : 'application/json',
    buffer: Buffer.from(text),
  })
}

test('export, wipe, import: every incident, event, action item and post-mortem comes back equal', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000)
  await openApp(page)
  await resolveQuickly(page, 'Queue workers crash-looping')
  await page.getByLabel('New action item', { exact: true }).fill('Alert on restart loops')
  await page.getByRole('button', { name: 'Add action item' }).click()
  await expect(page.getByRole('textbox', { name: 'Action item', exact: true })).toHaveValue(
    'Alert on restart loops',
  )
  const original = await exportEverything(page)
  expect((original['incidents'] as unknown[]).length).toBe(1)
  expect((original['postmortems'] as unknown[]).length).toBe(1)

  // A new browser profile is a wiped database.
  const fresh = await browser.newPage()
  await openApp(fresh)
  await expect(fresh.getByText('No incidents. Calm waters.')).toBeVisible()
  await importText(fresh, JSON.stringify(original))
  await expect(fresh.getByText('Imported: 1 added, 0 replaced, 0 skipped.')).toBeVisible()
  expect(content(await exportEverything(fresh))).toEqual(content(original))

  // Importing the same file again asks what to do with what is already there.
  await importText(fresh, JSON.stringify(original))
  const dialog = fresh.getByRole('dialog', { name: 'Incidents already here' })
  await dialog.getByRole('button', { name: 'Keep mine' }).click()
  await expect(fresh.getByText('Imported: 0 added, 0 replaced, 1 skipped.')).toBeVisible()
  await fresh.close()

  // Compressed, the same export: it holds the same and imports into a third, empty browser.
  // Made off the page, in a worker of its own.
  const workers: string[] = []
  page.on('worker', (worker) => workers.push(worker.url()))
  const compressed = await exportFile(page, { compressed: true })
  expect(workers.some((url) => url.includes('export.worker'))).toBe(true)
  expect(content(JSON.parse(gunzipSync(compressed.bytes).toString('utf8')))).toEqual(
    content(original),
  )
  const third = await browser.newPage()
  await openApp(third)
  await importText(third, compressed.bytes, compressed.name)
  await expect(third.getByText('Imported: 1 added, 0 replaced, 0 skipped.')).toBeVisible()
  expect(content(await exportEverything(third))).toEqual(content(original))
  await third.close()
})

test('a corrupt file gets a clear message and changes nothing', async ({ page }) => {
  await openApp(page)
  await resolveQuickly(page, 'DNS outage')
  const before = await exportEverything(page)
  await importText(page, '{"format": "steady-export", "version": 1, "incidents": [{"id": 3}]')
  await expect(
    page.getByText(
      "Couldn't read this file: it isn't JSON (or it was cut short). Nothing was changed.",
    ),
  ).toBeVisible()
  await importText(page, '{"hello": "world"}')
  await expect(page.getByText(/it isn't a Steady export \(missing 'format'\)/)).toBeVisible()
  await expectAccessible(page, 'settings with data panel')
  expect(content(await exportEverything(page))).toEqual(content(before))
})

test('hostile content in an imported file runs no script and leaves no javascript: link', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await openApp(page)
  await resolveQuickly(page, 'Base incident')
  const data = await exportEverything(page)
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
  const incidents = data['incidents'] as Record<string, unknown>[]
  incidents[0] = {
    ...incidents[0],
    title: `Hostile ${payload}`,
    symptoms: `<iframe srcdoc="<script>parent.__pwned=3</script>"></iframe><embed src="javascript:alert(1)"><svg onload="window.__pwned=4"><script>window.__pwned=5</script></svg>`,
    errorMessages:
      '[click](javascript:window.__pwned=6) <a href="javascript:window.__pwned=7">x</a>',
    endpoints: ['javascript:window.__pwned=8'],
  }
  const postmortems = data['postmortems'] as { doc: { content: unknown[] } }[]
  postmortems[0]!.doc.content.push({
    type: 'paragraph',
    content: [
      {
        type: 'text',
        text: 'evil link',
        marks: [{ type: 'link', attrs: { href: 'javascript:window.__pwned=9' } }],
      },
      { type: 'text', text: payload },
    ],
  })
  await importText(page, JSON.stringify(data))
  await page
    .getByRole('dialog', { name: 'Incidents already here' })
    .getByRole('button', { name: 'Replace them' })
    .click()
  await expect(page.getByText('Imported: 0 added, 1 replaced, 0 skipped.')).toBeVisible()

  await page.getByRole('button', { name: 'Incidents' }).click()
  await page.getByRole('button', { name: /Hostile/ }).click()
  await expect(page.getByRole('textbox', { name: 'Post-mortem document' })).toContainText(
    'evil link',
  )
  await page.getByRole('button', { name: /Capture/ }).click()
  await expect(page.getByLabel('Error messages')).toHaveValue(/javascript:/)
  await page.waitForTimeout(300)
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined()
  expect(await page.locator('[href^="javascript:" i], [src^="javascript:" i]').count()).toBe(0)
  expect(
    await page.locator('main iframe, main embed, main script, main img[onerror]').count(),
  ).toBe(0)
})

test('every file of the hostile import corpus is refused with its reason, and nothing changes', async ({
  page,
}) => {
  test.setTimeout(90_000)
  await openApp(page)
  await resolveQuickly(page, 'Cache stampede')
  await page.getByLabel('New action item', { exact: true }).fill('Jitter the TTLs')
  await page.getByRole('button', { name: 'Add action item' }).click()
  const before = await exportEverything(page)
  const status = page.getByRole('status').filter({ hasText: "Couldn't read this file" })
  for (const { name, text, message } of importCorpus(structuredClone(before) as never)) {
    await importText(page, text)
    await expect(status, name).toHaveText(message)
    await expect(status, name).toHaveText(/Nothing was changed\.$/)
  }
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({})
  expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>)['polluted'])).toBe(
    undefined,
  )
  expect(content(await exportEverything(page))).toEqual(content(before))
})

/** An export of `count` incidents, each with a long account: about `count` × 20 KB. */
function largeExport(base: Record<string, unknown>, count: number): string {
  const [incident] = base['incidents'] as Record<string, unknown>[]
  const incidents = Array.from({ length: count }, (_, n) => ({
    ...incident,
    id: `bulk-${n}`,
    title: `Imported incident ${n}`,
    symptoms: `Symptom ${n} `.repeat(1500).slice(0, 19_000),
  }))
  return JSON.stringify({ ...base, incidents, events: [], actionItems: [], postmortems: [] })
}

test('a 50 MB import runs off the page with progress, and can be cancelled without a trace', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await openApp(page)
  await resolveQuickly(page, 'Disk full on db-1')
  const before = await exportEverything(page)
  const big = largeExport(before, 2700)
  expect(big.length).toBeGreaterThan(50 * 1024 * 1024)

  await importText(page, big)
  const progress = page.getByRole('status').filter({ hasText: /Reading|Checking|Importing/ })
  await expect(progress).toBeVisible()
  // The page stays responsive while the worker reads and checks the file.
  const started = Date.now()
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
  expect(Date.now() - started).toBeLessThan(1000)
  await progress.getByRole('button', { name: 'Cancel import' }).click()
  await expect(page.getByText('Import cancelled. Nothing was changed.')).toBeVisible()
  expect(content(await exportEverything(page))).toEqual(content(before))

  await importText(page, big)
  await expect(page.getByText('Imported: 2700 added, 0 replaced, 0 skipped.')).toBeVisible({
    timeout: 60_000,
  })
  // The worker wrote them; the page's list learns of it by itself.
  await page.getByRole('button', { name: 'Incidents' }).click()
  await page.getByRole('searchbox', { name: 'Search incidents' }).fill('Imported incident 2699')
  // 50 MB of text goes into the search index over a few seconds, in slices the page stays
  // responsive between (and the list says so while it catches up).
  await expect(page.getByRole('button', { name: /Imported incident 2699/ })).toBeVisible({
    timeout: 20_000,
  })
})

test('an id in the file that belongs to a record here refuses the import, even with "Keep mine"', async ({
  page,
}) => {
  await openApp(page)
  await resolveQuickly(page, 'TLS certificate expired')
  const before = await exportEverything(page)
  const [incident] = before['incidents'] as Record<string, unknown>[]
  const [event] = before['events'] as Record<string, unknown>[]
  const other = { ...incident, id: 'from-another-laptop', title: 'Another laptop' }
  await importText(
    page,
    JSON.stringify({
      ...before,
      incidents: [incident, other],
      events: [{ ...event, incidentId: 'from-another-laptop' }],
      actionItems: [],
      postmortems: [],
    }),
  )
  await page
    .getByRole('dialog', { name: 'Incidents already here' })
    .getByRole('button', { name: 'Keep mine' })
    .click()
  await expect(page.getByRole('status').filter({ hasText: 'has the same id' })).toHaveText(
    /its timeline event ".*" has the same id as one already here \(in "TLS certificate expired"\).*Nothing was changed\./,
  )
  expect(content(await exportEverything(page))).toEqual(content(before))
})

test('when saving fails, the emergency copy holds the words not saved and every record', async ({
  page,
  consoleErrors,
}) => {
  await openApp(page)
  await resolveQuickly(page, 'Checkout returns 502')
  const doc = page.getByRole('textbox', { name: 'Post-mortem document' })
  const lessons = doc.getByRole('heading', { name: 'Lessons', exact: true })
  // The document made from the record, and saved (made after a full disk, it could not be).
  await expect(lessons).toBeVisible()
  await expect(page.getByText('Saved', { exact: true })).toBeVisible()
  // The disk fills up: every write the page makes fails from now on.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if (args) throw new DOMException('The disk is full.', 'QuotaExceededError')
      return put.apply(this, args)
    }
  })
  await lessons.click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.type('Words the disk refused.')
  const banner = page.getByRole('alert').filter({ hasText: 'Your text is kept on screen' })
  await expect(banner).toBeVisible()
  const download = page.waitForEvent('download')
  await banner.getByRole('button', { name: 'Save an emergency copy' }).click()
  const copy = JSON.parse(await readFile(await (await download).path(), 'utf8')) as {
    emergencyCopy: boolean
    unsaved: Record<string, string>
    saved: { incidents: { symptoms: string }[] }
  }
  expect(copy.emergencyCopy).toBe(true)
  expect(Object.values(copy.unsaved).join(' ')).toContain('Words the disk refused.')
  expect(copy.saved.incidents.map((i) => i.symptoms)).toEqual(['Checkout returns 502'])
  await expect(banner).toContainText('Saved to Downloads/steady-emergency-')
  // The failed writes are reported on the console; that, and only that, is expected here.
  const unexpected = consoleErrors.filter(
    (e) => !/disk is full|incident summaries up to date/.test(e),
  )
  consoleErrors.length = 0
  expect(unexpected).toEqual([])
})

test('every post-mortem exports, a file each (in a browser, one archive), from the command palette', async ({
  page,
}) => {
  await openApp(page)
  for (const symptoms of ['Checkout returns 502', 'Login is slow']) {
    await resolveQuickly(page, symptoms)
    await expect(page.getByText('Saved', { exact: true })).toBeVisible()
    await page.getByRole('button', { name: 'Incidents', exact: true }).click()
  }
  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+k')
  await page.keyboard.type('export all post-mortems')
  await page.keyboard.press('Enter')
  // Run where its progress shows, and can be cancelled (the data settings); in a browser, one
  // archive (a browser takes tens of thousands of downloads badly).
  await expect(
    page.getByRole('status').filter({
      hasText: /^Exported 2 post-mortems to Downloads\/\d{4}-\d{2}-\d{2}-post-mortems\.zip\.$/,
    }),
  ).toBeVisible()
  const zip = unzipSync(new Uint8Array(await readFile(await (await download).path())))
  const names = Object.keys(zip).sort()
  expect(names[0]).toMatch(/^\d{4}-\d{2}-\d{2}-checkout-returns-502\.md$/)
  expect(names[1]).toMatch(/^\d{4}-\d{2}-\d{2}-login-is-slow\.md$/)
  expect(strFromU8(zip[names[1]!]!)).toContain('# Post-mortem: Login is slow')
})

test('incidents and action items export as CSV a spreadsheet reads back', async ({ page }) => {
  await openApp(page)
  await resolveQuickly(page, '=cmd|"/c calc"!A1 checkout fails')
  await page.getByLabel('New action item', { exact: true }).fill('Alert on checkout 5xx')
  await page.getByRole('button', { name: 'Add action item' }).click()
  await expect(page.getByRole('textbox', { name: 'Action item', exact: true })).toHaveValue(
    'Alert on checkout 5xx',
  )
  await page.getByRole('button', { name: 'Settings' }).click()
  // Two files: in a browser, two downloads (the desktop asks for a folder).
  const downloads: Download[] = []
  page.on('download', (d) => downloads.push(d))
  await page.getByRole('button', { name: 'Export CSV files…' }).click()
  await expect.poll(() => downloads.length).toBe(2)
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Exported 1 incident and 1 action item to your downloads folder.' }),
  ).toBeVisible()
  const byName = Object.fromEntries(
    await Promise.all(
      downloads.map(async (d) => [d.suggestedFilename(), await readFile(await d.path(), 'utf8')]),
    ),
  ) as Record<string, string>
  const names = Object.keys(byName).sort()
  expect(names[0]).toMatch(/^\d{4}-\d{2}-\d{2}-action-items\.csv$/)
  expect(names[1]).toMatch(/^\d{4}-\d{2}-\d{2}-incidents\.csv$/)
  const incidents = byName[names[1]!]!
  const items = byName[names[0]!]!
  const [header, row] = incidents.split('\r\n')
  expect(header).toMatch(/^id,title,kind,severity,status,phase,services,tags,started,/)
  // A formula is written as text, never as something a spreadsheet would run.
  expect(row).toContain(`"'=cmd|""/c calc""!A1 checkout fails"`)
  expect(row).toContain(',SEV3,resolved,')
  expect(items).toContain('Alert on checkout 5xx')
})

test.describe('past incidents from a spreadsheet', () => {
  test.use({ timezoneId: 'America/Los_Angeles' })

  test('a CSV import maps the columns, refuses a bad row whole, then brings every fact in', async ({
    page,
  }) => {
    await openApp(page)
    await page.getByRole('button', { name: 'Settings' }).click()
    const csv = (started: string) =>
      [
        'Incident,Date,Sev,Component,Ended,Notes',
        '"Checkout down, EU",2025-03-01 09:00,SEV2,checkout; payments,2025-03-01 10:30,first',
        `Search stale,${started},3,search,,second`,
      ].join('\n')
    const choose = (text: string) =>
      page.getByLabel('CSV file to import').setInputFiles({
        name: 'history.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(text),
      })
    await choose(csv('2025-02-30 08:00'))
    const dialog = page.getByRole('dialog', { name: 'Import incidents from CSV' })
    // The columns are guessed from the headers; the user can change each.
    await expect(dialog.getByLabel('Title')).toHaveValue('Incident')
    await expect(dialog.getByLabel('Impact started')).toHaveValue('Date')
    await expect(dialog.getByLabel('Resolved')).toHaveValue('Ended')
    await expect(dialog.getByRole('alert')).toContainText(
      'Row 3: Impact started “2025-02-30 08:00” is not a date',
    )
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled()
    await expectAccessible(page, 'CSV import')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(await page.evaluate(() => document.querySelectorAll('dialog[open]').length)).toBe(0)

    await choose(csv('2025-02-28 08:00'))
    await dialog.getByLabel('What happened').selectOption('Notes')
    await dialog.getByRole('button', { name: 'Import 2 incidents' }).click()
    await expect(
      page.getByRole('status').filter({ hasText: 'Imported 2 incidents from history.csv.' }),
    ).toBeVisible()

    const data = await exportEverything(page)
    const byTitle = Object.fromEntries(
      (data['incidents'] as Record<string, unknown>[]).map((i) => [i['title'], i]),
    )
    // Times without a zone are read in the user's (Los Angeles: UTC-8 in winter).
    expect(byTitle['Checkout down, EU']).toMatchObject({
      startedAt: Date.UTC(2025, 2, 1, 17),
      resolvedAt: Date.UTC(2025, 2, 1, 18, 30),
      severity: 'SEV2',
      services: ['checkout', 'payments'],
      symptoms: 'first',
      status: 'closed',
    })
    expect(byTitle['Search stale']).toMatchObject({
      startedAt: Date.UTC(2025, 1, 28, 16),
      severity: 'SEV3',
      status: 'active',
    })
    await page.getByRole('button', { name: 'Incidents', exact: true }).click()
    await expect(page.getByRole('button', { name: /Checkout down, EU/ })).toContainText(
      '1 Mar 2025',
    )
  })
})
