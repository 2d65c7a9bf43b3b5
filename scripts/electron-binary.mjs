// Where the Electron binary is, and what to tell a user when it is missing. Shared by the
// postinstall download and by `npm start` / `npm run dev`.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

export function electronBinaryPath() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'))
    const pathFile = path.join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

export const MISSING_ELECTRON = `
Steady: the Electron binary is not installed, so the desktop app cannot start here.
  Still works: the tests (npm test) and the whole app in a browser (npm run web).
  To get the desktop app, connect to the internet and run: npm run install-electron
  (or delete node_modules/electron and run npm install again).
`
