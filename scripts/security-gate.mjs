// The security gate: Doyensec's Electronegativity over the sources (src) and the build (out: main,
// preload and page together, with the bundled dependencies). Its command line exits 0 even with
// findings, so this reads its results through the runner module and fails on any finding of medium
// severity or higher that is not accepted below, by rule, file and code fingerprint, with a reason.
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import { SEVERITY, judge } from './security-findings.mjs'

const require = createRequire(import.meta.url)
const electronegativity = require('@doyensec/electronegativity')
const run = electronegativity.default ?? electronegativity
const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version

const OPEN_EXTERNAL = 'OPEN_EXTERNAL_JS_CHECK'
const ALLOWLISTED =
  'the URL passes toTrustedExternalUrl (src/shared/links.ts: http, https and mailto to other ' +
  'computers only, no credentials, no control characters, no mail attachments), tested against ' +
  'a table of hostile URLs in src/shared/links.test.ts'

/**
 * Reviewed findings. `fingerprint` is printed by the gate next to each finding; a changed line or a
 * new call gets a new fingerprint and fails until it is reviewed here.
 */
const ACCEPTED = [
  {
    id: OPEN_EXTERNAL,
    file: 'src/main/security/external-links.ts',
    fingerprint: '811f974c2d0e',
    reason:
      `the main process's only call to the system browser: ${ALLOWLISTED}; a link to this ` +
      'computer passes the same checks with local hosts allowed, and opens only after the user ' +
      'chooses Open in a dialog that shows the address (confirmLocalLink, same file)',
  },
  {
    id: OPEN_EXTERNAL,
    file: 'src/renderer/src/platform/electron.ts',
    fingerprint: 'fe619f751ff6',
    reason:
      'the page asks the main process over IPC, which checks the URL again (main/security/external-links.ts)',
  },
  {
    id: OPEN_EXTERNAL,
    file: 'src/renderer/src/features/postmortem/PostmortemEditor.tsx',
    fingerprint: 'c92e98e4c7c6',
    reason: 'a click on a link in the post-mortem goes through the platform, which checks it',
  },
  {
    id: OPEN_EXTERNAL,
    file: 'src/renderer/src/features/action-items/ActionItemsTable.tsx',
    fingerprint: 'a8191db3de50',
    reason:
      "an action item's ticket link: saved only when isAllowedLink accepts it, shown only then, " +
      'and opened through the platform, which checks it again in the main process',
  },
  {
    id: OPEN_EXTERNAL,
    file: 'src/renderer/src/features/incident/ServiceLinks.tsx',
    fingerprint: 'd19a6bd5e7f3',
    reason:
      "a service's runbook or dashboard: saved only when parseServiceLinks accepts it (the " +
      'document link policy), opened through the platform, which checks it again and asks ' +
      'before a link to this computer',
  },
  // The same calls in the build. Minified code changes with every dependency update, so the
  // bundles are held to their number of calls instead of a fingerprint.
  {
    id: OPEN_EXTERNAL,
    file: 'out/main/index.js',
    count: 1,
    reason: 'src/main/security/external-links.ts, built',
  },
  {
    id: OPEN_EXTERNAL,
    file: 'out/renderer/assets/start-*.js',
    count: 3,
    reason: 'platform/electron.ts, the action item link and the service links, built',
  },
  {
    id: OPEN_EXTERNAL,
    file: 'out/renderer/assets/PostmortemEditor-*.js',
    count: 1,
    reason: 'editor/PostmortemEditor.tsx, built',
  },
  ...['src/renderer/index.html', 'out/renderer/index.html'].map((file) => ({
    id: 'CSP_GLOBAL_CHECK',
    file,
    count: 1,
    reason:
      "img-src allows data: and blob: for pasted screenshots; scripts are 'self' only and no " +
      'user HTML is rendered unsanitised',
  })),
]

if (!existsSync('out/main/index.js')) {
  console.error('security gate: build first (npm run build).')
  process.exit(1)
}

const findings = []
for (const input of ['src', 'out']) {
  const { issues } = await run({
    input,
    electronVersionOverride: electron,
    isRelative: true,
    parserPlugins: [],
  })
  for (const issue of issues) findings.push({ ...issue, file: `${input}/${issue.file}` })
}

const results = judge(findings, ACCEPTED)
for (const { finding, severity, print, entry, failing } of results) {
  const mark = failing ? 'FAIL' : entry ? 'ok  ' : 'note'
  console.log(
    `${mark} ${finding.id} (${severity}) ${finding.file}:${finding.location?.line ?? ''} [${print}] ${finding.description ?? ''}`,
  )
  if (failing) console.log(`       ${String(finding.sample ?? '').slice(0, 160)}`)
}
const bySeverity = Object.keys(SEVERITY)
  .reverse()
  .map((name) => {
    const all = results.filter((r) => r.severity === name)
    return `${name} ${all.length} (${all.filter((r) => r.entry).length} reviewed)`
  })
  .join(', ')
const failing = results.filter((r) => r.failing)
console.log(
  `security gate: ${results.length} finding(s): ${bySeverity}; ${failing.length} failing (Electron ${electron}).`,
)
if (failing.length)
  console.log(
    'Review each failing finding, then accept it in scripts/security-gate.mjs with a reason.',
  )
process.exit(failing.length ? 1 : 0)
