import { isAllowedLink } from '@shared/links'
import type { Platform } from './platform'

declare const __STEADY_VERSION__: string

export function createWebPlatform(win: Window = window): Platform {
  return {
    kind: 'web',
    getAppInfo: () =>
      Promise.resolve({
        name: 'Steady',
        version: __STEADY_VERSION__,
        platform: `web (${browserName(win.navigator.userAgent)})`,
        dataPath: `This browser's storage for ${win.location.origin}`,
      }),
    openExternal: (url) => {
      if (!isAllowedLink(url)) return Promise.resolve(false)
      return Promise.resolve(win.open(url, '_blank', 'noopener,noreferrer') !== null)
    },
  }
}

function browserName(userAgent: string): string {
  const match = /(Firefox|Edg|Chrome|Safari)\/[\d.]+/.exec(userAgent)
  if (!match) return 'browser'
  return match[1] === 'Edg' ? 'Edge' : (match[1] ?? 'browser')
}
