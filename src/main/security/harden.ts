/**
 * Security defaults for every window, in one place: sandboxed renderer without Node, no new windows,
 * no navigation away from the app, no webviews, and no permission granted to web content.
 */
import type { Session, WebContents, WebPreferences } from 'electron'
import { APP_ORIGIN } from './app-protocol'
import { toTrustedExternalUrl } from '../../shared/links'

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  }
}

/** True for a URL of Steady's own page (or, in development only, the dev server's). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`)) return true
  return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin
}

type OpenExternal = (url: string) => unknown

/**
 * Denies window.open and navigation away from the app. A link to an allowlisted external URL is
 * handed to the system browser instead; anything else is dropped.
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'setWindowOpenHandler' | 'on'>,
  openExternal: OpenExternal,
  devServerUrl?: string,
): void {
  const openOutside = (url: string): void => {
    const trusted = toTrustedExternalUrl(url)
    if (trusted) void openExternal(trusted)
  }
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, devServerUrl)) return
    event.preventDefault()
    openOutside(url)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** The one permission the page needs: writing text to the clipboard ("Copy as Markdown"). */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/**
 * Default deny: no camera, microphone, geolocation, notifications through the page (the main
 * process shows those) or anything else, except writing to the clipboard.
 */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission)),
  )
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
}
