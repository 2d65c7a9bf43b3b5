// npm run bench [-- --incidents N[,N…]] [-- --runs N] [-- --quick] [-- --only a,b] [-- --keep DIR]
// [-- --shared N]
// (--keep: the seeded profiles stay in DIR/N and are used again by the next run with --keep DIR:
// 100,000 incidents take ten minutes to seed; it then holds the few incidents a run adds.
// --shared: how many incidents the team sync scenario shares, 1,000 unless told.)
// Measures what a user feels, at scale, in headless Chromium against the built renderer: each
// number beside a baseline measured in the same run where one exists (a blank page, a raw
// IndexedDB put), each budget judged on the worst run. With several sizes it also prints how each
// measure grows with the history. Writes bench/results.json. It measures; it never fails on a number.
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { growthTable, sizeTable } from './lib/report.mjs'
import { appPage, diskProfile, forgetScreen, launch, seed, startServer } from './lib/session.mjs'
import { captureAndLog } from './scenarios/capture.mjs'
import { exportImport } from './scenarios/data.mjs'
import { memory } from './scenarios/memory.mjs'
import { postmortem } from './scenarios/postmortem.mjs'
import {
  listFilters,
  metrics,
  openIncident,
  sidebarScreens,
  similar,
} from './scenarios/screens.mjs'
import { searchAsYouType, searchIndex } from './scenarios/search.mjs'
import { sizes } from './scenarios/sizes.mjs'
import { start, writeBlankPage } from './scenarios/start.mjs'
import { teamSync } from './scenarios/sync.mjs'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const option = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const SIZES = (option('--incidents') ?? (quick ? '300' : '10000')).split(',').map(Number)
const RUNS = quick ? 1 : Number(option('--runs') ?? 5)
/** Runs before the measured ones, discarded: the first of anything pays for loading and compiling. */
const WARM = quick ? 0 : 1
const ONLY = option('--only')?.split(',')
const KEEP = option('--keep')
const SHARED = Number(option('--shared') ?? 1000)

/**
 * The scenarios, in order. `page` ones share one warm page of the app (opened after the start-up
 * ones); each returns its measures.
 */
const SCENARIOS = [
  ['start', start],
  ['search-index', searchIndex],
  ['capture', captureAndLog, 'page'],
  ['open-incident', openIncident, 'page'],
  ['search', searchAsYouType, 'page'],
  ['similar', similar, 'page'],
  ['metrics', metrics, 'page'],
  ['screens', sidebarScreens, 'page'],
  ['filters', listFilters, 'page'],
  ['postmortem', postmortem, 'page'],
  ['data', exportImport, 'page'],
  ['memory', memory, 'page'],
  ['sync', teamSync],
]

if (!existsSync('out/renderer/index.html')) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
writeBlankPage()
const server = await startServer()
const browser = await launch()
const bySize = {}
try {
  for (const incidents of SIZES) {
    const kept = KEEP && join(KEEP, String(incidents))
    const seeded = kept && existsSync(join(kept, 'seeded'))
    const profile = await diskProfile(kept)
    const { context } = profile
    const t0 = Date.now()
    if (seeded) {
      console.log(`Using the profile seeded before in ${kept}.`)
      await forgetScreen(context)
    } else {
      const data = await seed(context, incidents)
      if (kept) writeFileSync(join(kept, 'seeded'), `${incidents}\n`)
      console.log(
        `Seeded ${data.incidents} incidents, ${data.events} events in ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
      )
    }
    const results = []
    let warm = null
    const ctx = { browser, context, incidents, runs: RUNS, warm: WARM, quick, shared: SHARED }
    for (const [name, run, needs] of SCENARIOS) {
      if (ONLY && !ONLY.includes(name)) continue
      if (needs === 'page') warm ??= await appPage(context)
      const began = Date.now()
      const measured = await run({ ...ctx, ...(needs === 'page' ? warm : {}) })
      results.push(...measured)
      console.log(`  ${name}: ${((Date.now() - began) / 1000).toFixed(0)} s`)
    }
    results.push(...sizes())
    await profile.close()
    bySize[incidents] = results
    console.log(
      `\n${incidents.toLocaleString('en')} incidents, ${RUNS} run(s), ${browser.version()}, ${os.cpus().length} cores\n`,
    )
    console.log(sizeTable(results))
  }
} finally {
  await browser.close()
  server.kill()
}

const growth = growthTable(bySize)
if (growth) console.log(`\nGrowth with the history\n\n${growth}`)
const report = {
  date: new Date().toISOString(),
  runs: RUNS,
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
  },
  bySize,
}
writeFileSync('bench/results.json', `${JSON.stringify(report, null, 2)}\n`)
console.log('\nWritten to bench/results.json')
