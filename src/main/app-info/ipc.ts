import type { AppInfo } from '../../shared/ipc-contract'
import type { Handle } from '../ipc/handle'

export interface AppInfoSource {
  getName(): string
  getVersion(): string
  getPath(name: 'userData'): string
}

export function getAppInfo(app: AppInfoSource, platform: string, electron?: string): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    platform,
    dataPath: app.getPath('userData'),
    ...(electron ? { electron } : {}),
  }
}

export function registerAppInfoIpc(
  handle: Handle,
  app: AppInfoSource,
  openExternal: (url: string) => Promise<boolean>,
): void {
  handle('app:get-info', () => getAppInfo(app, process.platform, process.versions.electron))
  handle('shell:open-external', (url) => openExternal(url))
}
