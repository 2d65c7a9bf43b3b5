import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './csp'

describe('Content-Security-Policy', () => {
  it('is the same in the protocol header and in the web page meta tag', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
  })

  it('allows no inline script, no eval and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    // WebSockets only, for team sync; the page narrows them to the configured server at start.
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self' ws: wss:;")
  })
})
