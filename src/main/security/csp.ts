/**
 * The Content-Security-Policy of every page Steady serves. The same policy sits in
 * src/renderer/index.html as a meta tag for web mode; a unit test keeps the two equal.
 * No inline scripts, no eval, nothing remote.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // WebSockets for team sync: the page narrows this at start to the one configured server
  // (src/renderer/src/sync/team-config.ts).
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ')
