/**
 * The allowlist for links that leave the app. Everything a user clicks that is not Steady's own page
 * goes through here before the system browser sees it.
 */

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const MAX_URL_LENGTH = 2048

/**
 * Returns the normalised URL to open in the system browser, or null when the link must not be opened:
 * another scheme (javascript:, file:, data:, app:, …), no host, embedded credentials (which make
 * `https://bank.com@evil.example` look like a bank link), control characters, or an absurd length.
 * Internationalised hosts come back in punycode, so the browser shows what is really opened.
 */
export function toTrustedExternalUrl(raw: unknown): string | null {
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
  if (url.protocol === 'mailto:') return url.pathname.includes('@') ? url.href : null
  if (!url.hostname || url.username || url.password) return null
  return url.href
}

export function isAllowedLink(raw: unknown): boolean {
  return toTrustedExternalUrl(raw) !== null
}
