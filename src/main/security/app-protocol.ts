/**
 * The renderer is served from `app://steady/`, never `file://`.
 *
 * WARNING: IndexedDB data belongs to an origin. `APP_ORIGIN` must never change, or every user's
 * incidents would seem to vanish after an update.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const APP_SCHEME = 'app'
export const APP_HOST = 'steady'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Privileges the scheme needs: standard (so it has an origin), secure, and IndexedDB-capable. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const

/**
 * Maps an `app://steady/...` request to a file inside `rootDir`, or null when the request is for
 * another host, is malformed, or escapes the folder (`..`, encoded `%2e%2e`, `%2f`, backslashes).
 */
export function resolveAppPath(requestUrl: string, rootDir: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return null
  // The URL parser already collapses `..`, but a request that tries it is refused outright.
  const rawPath = requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? ''
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
    if (decodeURIComponent(rawPath).split('/').includes('..')) return null
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  if (relative.split('/').includes('..')) return null
  return containedPath(rootDir, relative)
}

/**
 * The last guard: `relative` resolved inside `rootDir`, or null when it would land anywhere else
 * (outside, on the folder itself, or in a sibling whose name merely starts the same).
 */
export function containedPath(rootDir: string, relative: string): string | null {
  const root = path.resolve(rootDir)
  const file = path.resolve(root, relative)
  return file.startsWith(root + path.sep) ? file : null
}

/** What serveApp needs of Electron: its protocol module and its file-capable fetch (net). */
export interface Protocol {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void
}
export interface Net {
  fetch(url: string): Promise<Response>
}

/**
 * Serves the built renderer from `app://steady/`, with the CSP and nosniff on every response;
 * anything outside the renderer folder is a 404.
 */
export function serveApp(protocol: Protocol, net: Net, rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', `${csp}; frame-ancestors 'none'`)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
