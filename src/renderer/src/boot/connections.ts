/**
 * The first thing the page does: narrows where it may connect to itself and the team's sync
 * server, if one is configured (the built policy allows any ws: or wss:, for that server's sake).
 * A policy added later can only take away, so nothing that runs after this can widen it. Small
 * on purpose: it is in the start-up script.
 */
export const TEAM_CONFIG_KEY = 'steady-team'

/** The configured server's origin, or null. */
export function configuredServer(storage: Storage): string | null {
  try {
    const config = JSON.parse(storage.getItem(TEAM_CONFIG_KEY) ?? 'null') as { url?: unknown }
    const url = new URL(String(config?.url))
    return url.protocol === 'ws:' || url.protocol === 'wss:' ? url.origin : null
  } catch {
    return null
  }
}

export function narrowConnections(doc: Document, storage: Storage): void {
  const server = configuredServer(storage)
  const meta = doc.createElement('meta')
  meta.httpEquiv = 'Content-Security-Policy'
  meta.content = `connect-src 'self'${server ? ` ${server}` : ''}`
  doc.head.append(meta)
}
