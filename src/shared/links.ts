/**
 * The allowlist for links that leave the app. Everything a user clicks that is not Steady's own page
 * goes through here before the system browser sees it.
 */

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const MAX_URL_LENGTH = 2048

/** A mail link may prefill the subject and body; `attach=`, `cc=` and friends are refused. */
const MAILTO_PARAMS = new Set(['subject', 'body'])

/**
 * This computer and link-local addresses: a link there can reach a service that trusts the local
 * machine (a dev server, a router's admin page), so such links open only when the user allows it.
 * The URL parser has already turned `2130706433`, `0x7f.1` and `[::ffff:127.0.0.1]` into canonical
 * forms, so these patterns see every spelling.
 */
function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '0.0.0.0' ||
    /^169\.254\./.test(host) ||
    host === '::' ||
    host === '::1' ||
    /^fe[89ab][0-9a-f]:/.test(host) ||
    /^::ffff:(7f[0-9a-f]{2}|a9fe|0:0):/.test(host)
  )
}

export interface LinkPolicy {
  /** Links to this computer (localhost, 127.x, ::1) and link-local addresses. Off by default. */
  allowLocal?: boolean
}

/**
 * Returns the normalised URL to open in the system browser, or null when the link must not be opened:
 * another scheme (javascript:, file:, data:, app:, …), no host, embedded credentials (which make
 * `https://bank.com@evil.example` look like a bank link), control characters, an absurd length, a
 * mail link with anything beyond a subject and body, or (unless allowed) this computer.
 * Internationalised hosts come back in punycode, so the browser shows what is really opened.
 */
export function toTrustedExternalUrl(raw: unknown, policy: LinkPolicy = {}): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null
  // The URL parser silently strips tabs and newlines ("java\tscript:"); refuse them instead.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(raw.trim()) || raw !== raw.trim()) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null
  if (url.protocol === 'mailto:') {
    const params = [...url.searchParams.keys()].map((k) => k.toLowerCase())
    const plainAddress = /^[^@?#,;]+@[^@?#,;]+$/.test(decodeURIComponent(url.pathname))
    return plainAddress && params.every((k) => MAILTO_PARAMS.has(k)) && !url.hash ? url.href : null
  }
  if (!url.hostname || url.username || url.password) return null
  if (!policy.allowLocal && isLocalHost(url.hostname)) return null
  return url.href
}

export function isAllowedLink(raw: unknown, policy?: LinkPolicy): boolean {
  return toTrustedExternalUrl(raw, policy) !== null
}

/**
 * What a post-mortem may hold as a link: the allowlist, and links to this computer too (a local
 * dashboard is a fair thing to cite). Opening one of those still asks first (`needsConsent`).
 */
export const DOCUMENT_LINKS: LinkPolicy = { allowLocal: true }

/** A link that opens only after the user agrees: allowed, but to this computer or link-local. */
export function needsConsent(raw: unknown): boolean {
  return !isAllowedLink(raw) && isAllowedLink(raw, DOCUMENT_LINKS)
}
