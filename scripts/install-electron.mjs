// postinstall: fetch the Electron binary, but never fail the install when that is impossible
// (offline, blocked network, CI). npm 11 does not run dependencies' install scripts, so this is the
// one place Electron's own installer runs.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { MISSING_ELECTRON, electronBinaryPath } from './electron-binary.mjs'

const require = createRequire(import.meta.url)

if (electronBinaryPath()) process.exit(0)
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Steady: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron download was skipped.')
  console.log(MISSING_ELECTRON)
  process.exit(0)
}

let installer
try {
  installer = require.resolve('electron/install.js')
} catch {
  console.log('Steady: the electron package is not installed (was it omitted?).')
  console.log(MISSING_ELECTRON)
  process.exit(0)
}

console.log('Steady: downloading Electron (the desktop app runtime)…')
const result = spawnSync(process.execPath, [installer], {
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
  timeout: 10 * 60_000,
})
if (result.status !== 0 || !electronBinaryPath()) {
  const reason =
    (result.stderr ?? '').split('\n').find((line) => line.trim()) ?? result.error?.message
  console.log(
    `\nSteady: the Electron download did not complete${reason ? ` (${reason.trim()})` : ''}.`,
  )
  console.log(MISSING_ELECTRON)
}
process.exit(0)
