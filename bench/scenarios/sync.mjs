// Team sync through a local server (the built `npm run sync-server`): two fresh browser profiles,
// the first sync of up to 1,000 incidents (`--shared N`) into a teammate's empty app, each page's
// heap after, and a new incident on one screen until it is on the other's.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateDataset } from '../generate.mjs'
import { BASE, PORT, diskProfile, heapAfterGc } from '../lib/session.mjs'
import { measure } from '../lib/stats.mjs'

/** Two fresh browser profiles on one sync server: see section 9. */
export async function teamSync({ runs, warm, incidents, shared }) {
  const SYNCED = Math.min(incidents, shared)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steady-bench-sync-'))
  const port = PORT + 100
  const secret = 'bench-team-secret-0123456789'
  const syncServer = spawn(process.execPath, ['out/main/sync-server.js'], {
    env: {
      ...process.env,
      STEADY_SYNC_SECRET: secret,
      STEADY_SYNC_PORT: String(port),
      STEADY_SYNC_DIR: dir,
    },
    stdio: 'ignore',
  })
  await new Promise((r) => setTimeout(r, 800))
  const count = (page) =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const r = indexedDB.open('steady')
          r.onsuccess = () => {
            const q = r.result.transaction('incidents').objectStore('incidents').count()
            q.onsuccess = () => {
              r.result.close()
              resolve(q.result)
            }
          }
        }),
    )
  const join = async (name, seed) => {
    // On disk, as a teammate's app keeps it: IndexedDB in a profile kept in memory writes these
    // rows more slowly here (the first sync 12-25 s, against 7-10 s on disk).
    const profile = await diskProfile()
    const page = await profile.context.newPage()
    await page.goto(`${BASE}/`)
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    if (seed) {
      const data = generateDataset(SYNCED, { seed: 7 })
      await page.evaluate(async (data) => {
        const db = await new Promise((resolve) => {
          const r = indexedDB.open('steady')
          r.onsuccess = () => resolve(r.result)
        })
        const tx = db.transaction(Object.keys(data), 'readwrite')
        for (const [store, rows] of Object.entries(data))
          for (const row of rows) tx.objectStore(store).put(row)
        await new Promise((resolve) => (tx.oncomplete = resolve))
        db.close()
      }, data)
    }
    await page.evaluate((config) => localStorage.setItem('steady-team', JSON.stringify(config)), {
      url: `ws://127.0.0.1:${port}`,
      secret,
      name,
    })
    const joined = Date.now()
    await page.reload()
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    return { page, profile, joined }
  }
  try {
    const ana = await join('Ana', true)
    const synced = ana.page.getByRole('status').filter({ hasText: 'Synced with the team' }).first()
    await synced.waitFor({ timeout: 120_000 })
    console.log(
      `Team sync: ${SYNCED} incidents shared in ${((Date.now() - ana.joined) / 1000).toFixed(1)} s.`,
    )
    const uploadMs = Date.now() - ana.joined
    const ben = await join('Ben', false)
    const end = Date.now() + 120_000
    while ((await count(ben.page)) < SYNCED && Date.now() < end)
      await new Promise((r) => setTimeout(r, 100))
    const firstSyncMs = Date.now() - ben.joined
    console.log(
      `Team sync: ${await count(ben.page)} incidents reached a new teammate in ${(firstSyncMs / 1000).toFixed(1)} s.`,
    )
    // Each teammate's page once the sync has settled: documents left once in step (all but the
    // most recently active hundred) must not be held.
    await ben.page
      .getByRole('status')
      .filter({ hasText: 'Synced with the team' })
      .first()
      .waitFor({ timeout: 120_000 })
    await new Promise((r) => setTimeout(r, 3000))
    const heaps = []
    for (const { page, profile } of [ana, ben])
      heaps.push(await heapAfterGc(page, await profile.context.newCDPSession(page)))
    // A new incident on Ana's screen, until Ben's list shows it.
    const edits = []
    for (let run = 0; run < runs + warm; run++) {
      await ben.page.getByRole('button', { name: 'Incidents', exact: true }).click()
      await ana.page.getByRole('button', { name: 'Incidents', exact: true }).click()
      const title = `Synced incident ${run}`
      await ana.page.keyboard.press('n')
      await ana.page.getByLabel('What is happening?').fill(title)
      const t = Date.now()
      await ben.page.getByRole('button', { name: new RegExp(title) }).waitFor({ timeout: 20_000 })
      if (run >= warm) edits.push(Date.now() - t)
    }
    await ana.profile.close()
    await ben.profile.close()
    return [
      measure('syncFirst', `Team sync: first sync of ${SYNCED} into a new teammate`, firstSyncMs, {
        budget: '≤ 10 s',
        limit: 10_000,
        against: `uploading them first ${(uploadMs / 1000).toFixed(1)} s`,
      }),
      measure('syncEdit', 'Team sync: a new incident on the other screen', edits, {
        budget: '≤ 1 s',
        limit: 1000,
        against: '(includes the typing autosave)',
      }),
      measure('syncHeap', `Team sync: JS heap of each teammate after sharing ${SYNCED}`, heaps, {
        budget: '≤ 150 MB',
        limit: 150,
        unit: 'MB',
        against: 'the sharer and the new teammate, after garbage collection',
      }),
    ]
  } finally {
    syncServer.kill()
  }
}
