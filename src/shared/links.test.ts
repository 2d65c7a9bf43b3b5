import { describe, expect, it } from 'vitest'
import { isAllowedLink, toTrustedExternalUrl } from './links'

describe('toTrustedExternalUrl', () => {
  it.each([
    ['https://example.com/status', 'https://example.com/status'],
    ['http://status.example.org', 'http://status.example.org/'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['mailto:oncall@example.com', 'mailto:oncall@example.com'],
    ['https://аpple.com/', 'https://xn--pple-43d.com/'],
  ])('opens %s as %s', (raw, expected) => {
    expect(toTrustedExternalUrl(raw)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript://example.com/%0aalert(1)',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://example.com/uuid',
    'app://steady/index.html',
    'app://steady/../../etc/passwd',
    'app://steady/%2e%2e/%2e%2e/etc/passwd',
    'steady://open',
    'ms-msdt:/id PCWDiagnostic',
    'smb://evil.example/share',
    'https://github.com@evil.example/login',
    'https://user:pass@example.com/',
    'https://',
    '//example.com/protocol-relative',
    '/relative/path',
    'mailto:',
    'https://example.com/\u0000',
    'https://example.com/ space',
    `https://example.com/${'a'.repeat(3000)}`,
    '',
  ])('refuses %j', (raw) => {
    expect(toTrustedExternalUrl(raw)).toBeNull()
    expect(isAllowedLink(raw)).toBe(false)
  })

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.com']]) {
      expect(toTrustedExternalUrl(value)).toBeNull()
    }
  })
})
