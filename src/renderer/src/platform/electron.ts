import type { SteadyApi } from '@shared/ipc-contract'
import type { Platform } from './platform'

export function createElectronPlatform(steady: SteadyApi): Platform {
  return {
    kind: 'desktop',
    getAppInfo: () => steady.app.getInfo(),
    openExternal: (url) => steady.shell.openExternal(url),
    saveMarkdown: (file) => steady.export.saveMarkdown(file),
    saveFolder: (files) => steady.export.saveFolder(files),
  }
}
