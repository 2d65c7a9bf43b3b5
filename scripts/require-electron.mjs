// Runs before `npm start` and `npm run dev`: one clear message instead of a stack trace when the
// Electron binary is missing.
import { MISSING_ELECTRON, electronBinaryPath } from './electron-binary.mjs'

if (!electronBinaryPath()) {
  console.error(MISSING_ELECTRON)
  process.exit(1)
}
