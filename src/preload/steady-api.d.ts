import type { SteadyApi } from '../shared/ipc-contract'

declare global {
  interface Window {
    /** Present in the desktop app only; the renderer reaches it through platform/electron.ts. */
    steady?: SteadyApi
  }
}
