// Capture and logging, each against the storage engine's own limit measured in the same run: a raw
// IndexedDB transaction (strict durability, like the app's) putting copies of the very records the
// app just wrote, from a click on a button added to the page (the same browser work after an
// input event as the app's handler). Reported as a ratio and as "app minus raw put" in ms, so a
// slow baseline cannot make a slow app pass.
import { toMitigate } from '../../test/drive.mjs'
import { measures } from '../lib/session.mjs'
import { measure, median } from '../lib/stats.mjs'

async function rawPutter(page) {
  const m = measures(page)
  await page.evaluate(() => {
    const button = document.createElement('button')
    button.id = 'bench-raw-put'
    button.textContent = 'raw put'
    button.style.cssText = 'position:fixed;right:0;bottom:0;z-index:9999'
    button.addEventListener('click', async () => {
      const { db, rows } = window.__rawPut
      const start = performance.now()
      const tx = db.transaction(Object.keys(rows), 'readwrite', { durability: 'strict' })
      for (const [store, list] of Object.entries(rows))
        for (const row of list) tx.objectStore(store).put(row)
      await new Promise((resolve) => (tx.oncomplete = resolve))
      const duration = performance.now() - start
      // The copies go again before the next step: an incident without its summary would have the
      // app write every missing summary at its next start.
      const clean = db.transaction(Object.keys(rows), 'readwrite')
      for (const [store, list] of Object.entries(rows))
        for (const row of list) clean.objectStore(store).delete(row.id)
      await new Promise((resolve) => (clean.oncomplete = resolve))
      performance.measure('steady:raw-put', { start, duration })
      db.close()
    })
    document.body.append(button)
  })
  let puts = 0
  /** Copies (new ids) of the latest incident and its newest `events` events. */
  return async (events) => {
    await page.evaluate(async (count) => {
      const db = await new Promise((resolve) => {
        const r = indexedDB.open('steady')
        r.onsuccess = () => resolve(r.result)
      })
      const read = (store, run) =>
        new Promise((resolve) => {
          const request = run(db.transaction(store).objectStore(store))
          request.onsuccess = () => resolve(request.result)
        })
      const incident = await read('incidents', (s) =>
        s.index('updatedAt').openCursor(null, 'prev'),
      ).then((cursor) => cursor.value)
      const own = await read('events', (s) =>
        s
          .index('[incidentId+seq]')
          .getAll(IDBKeyRange.bound([incident.id, 0], [incident.id, Infinity])),
      ).then((list) => list.slice(-count))
      const id = `raw-${Math.random().toString(36).slice(2)}`
      const rows = {
        incidents: [{ ...incident, id, updatedAt: 1 }], // kept out of the way at the list end
        events: own.map((e, i) => ({ ...e, id: `${id}-${i}`, incidentId: id })),
      }
      window.__rawPut = { db, rows } // opened before the click, as the app's connection is
    }, events)
    await page.locator('#bench-raw-put').click()
    await m.waitFor('raw-put', ++puts)
    return m.last('raw-put')
  }
}

export async function captureAndLog({ page, runs, warm, quick }) {
  const m = measures(page)
  const rawPut = await rawPutter(page)
  // Start-up writes settle, and the raw baseline is warmed once: both sides are measured warm.
  await page.waitForTimeout(quick ? 500 : 2000)
  await rawPut(1)
  const againstRawPut = async (key, label, name, events, act) => {
    const app = []
    const raw = []
    const before = await m.count(name)
    for (let run = 0; run < warm + runs; run++) {
      await act(run)
      await m.waitFor(name, before + run + 1)
      const ms = await m.last(name)
      const put = await rawPut(events)
      if (run >= warm) {
        app.push(ms)
        raw.push(put)
      }
    }
    const over = app.map((ms, i) => ms - raw[i])
    return measure(
      key,
      label,
      app.map((ms, i) => ms / raw[i]),
      {
        budget: '≤ 2× raw put',
        limit: 2,
        unit: '×',
        against: `${median(app).toFixed(1)} ms; app minus raw put ${median(over).toFixed(1)} ms (worst ${Math.max(...over).toFixed(1)})`,
      },
    )
  }
  const capture = await againstRawPut(
    'capture',
    'Capture (N → durable)',
    'new-incident',
    3,
    async () => {
      await page.getByRole('button', { name: 'Incidents', exact: true }).click()
      await page.locator('.incident-row').first().waitFor()
      await page.keyboard.press('n')
    },
  )
  await page.getByRole('button', { name: /Move to triage/ }).waitFor()
  await page.getByLabel('What is happening?').fill('Benchmark mitigation')
  await toMitigate(page)
  const log = await againstRawPut(
    'logMitigation',
    'Log a mitigation → durable',
    'log-mitigation',
    1,
    async (run) => {
      await page.getByLabel('Action', { exact: true }).fill(`Attempt ${run}`)
      await page.getByRole('button', { name: 'Log this attempt' }).click()
    },
  )
  return [capture, log]
}
