import type { SteadyApi } from '@shared/ipc-contract'
import type { Platform } from './platform'

export function createElectronPlatform(steady: SteadyApi): Platform {
  return {
    kind: 'desktop',
    getAppInfo: () => steady.app.getInfo(),
    openExternal: (url) => steady.shell.openExternal(url),
  }
}
