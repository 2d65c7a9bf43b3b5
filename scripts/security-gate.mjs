// The security gate: Doyensec's Electronegativity over the built main process, preload and page.
// Its command line exits 0 even with findings, so this reads its results through the runner module
// and fails on any finding of medium severity or higher that is not accepted below with a reason.
// The built output is scanned because the tool's own TypeScript parser predates `satisfies`.
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'

const require = createRequire(import.meta.url)
const electronegativity = require('@doyensec/electronegativity')
const run = electronegativity.default ?? electronegativity
const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version

/** Findings judged false positives, each with the reason a reader can check. */
const ACCEPTED = {
  // A prompt to review each shell.openExternal call. Steady's only call passes the URL through
  // toTrustedExternalUrl (src/shared/links.ts: http, https and mailto only, no credentials, no
  // control characters), tested against a table of hostile URLs in src/shared/links.test.ts.
  OPEN_EXTERNAL_JS_CHECK: 'every URL passes the allowlist first',
}

const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 }

if (!existsSync('out/main/index.js')) {
  console.error('security gate: build first (npm run build).')
  process.exit(1)
}

// One scan of the whole build, so the global checks see main, preload and page together.
const input = 'out'
const { issues: results } = await run({
  input,
  electronVersionOverride: electron,
  isRelative: true,
  parserPlugins: [],
})

const failing = results.filter(
  (i) => SEVERITY[i.severity.name ?? i.severity] >= SEVERITY.MEDIUM && !ACCEPTED[i.id],
)
for (const i of results) {
  const mark = failing.includes(i) ? 'FAIL' : 'ok  '
  console.log(
    `${mark} ${i.id} (${i.severity.name ?? i.severity}, ${i.confidence.name ?? i.confidence}) ${input}/${i.file}:${i.location?.line ?? ''} ${i.description ?? ''}`,
  )
}
console.log(
  `security gate: ${results.length} finding(s), ${failing.length} at medium severity or higher (Electron ${electron}).`,
)
process.exit(failing.length ? 1 : 0)
