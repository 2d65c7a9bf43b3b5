import { describe, expect, it } from 'vitest'
import { isAllowedLink, needsConsent, toTrustedExternalUrl } from './links'

describe('toTrustedExternalUrl', () => {
  it.each([
    ['https://example.com/status', 'https://example.com/status'],
    ['http://status.example.org', 'http://status.example.org/'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['mailto:oncall@example.com', 'mailto:oncall@example.com'],
    ['mailto:oncall@example.com?subject=SEV1', 'mailto:oncall@example.com?subject=SEV1'],
    ['mailto:a@example.com?Subject=x&body=y', 'mailto:a@example.com?Subject=x&body=y'],
    ['http://192.168.1.10/grafana', 'http://192.168.1.10/grafana'],
    ['https://localhost.example.com/', 'https://localhost.example.com/'],
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
    'mailto:a@example.com?attach=/etc/passwd',
    'mailto:a@example.com?ATTACH=~/.ssh/id_rsa',
    'mailto:a@example.com?subject=x&attachment=file:///etc/passwd',
    'mailto:a@example.com?cc=b@example.com',
    'mailto:a@example.com?bcc=spy@evil.example',
    'mailto:a@example.com,b@evil.example',
    'mailto:a@example.com%2Cb@evil.example',
    'mailto:?to=a@example.com',
    'http://localhost:3000/admin',
    'http://LOCALHOST/',
    'http://app.localhost/',
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0.0.0.0:8080/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'https://example.com/\u0000',
    'https://example.com/ space',
    `https://example.com/${'a'.repeat(3000)}`,
    '',
  ])('refuses %j', (raw) => {
    expect(toTrustedExternalUrl(raw)).toBeNull()
    expect(isAllowedLink(raw)).toBe(false)
  })

  it('asks before a link to this computer, and never for others or for refused ones', () => {
    expect(needsConsent('http://localhost:3000/')).toBe(true)
    expect(needsConsent('http://169.254.169.254/')).toBe(true)
    expect(needsConsent('https://example.com/')).toBe(false)
    expect(needsConsent('javascript:alert(1)')).toBe(false)
    expect(needsConsent('file:///etc/passwd')).toBe(false)
  })

  it('opens links to this computer only when the user allows them', () => {
    for (const raw of ['http://localhost:3000/', 'http://127.0.0.1/', 'http://[::1]/']) {
      expect(toTrustedExternalUrl(raw, { allowLocal: true })).toBe(new URL(raw).href)
    }
    expect(toTrustedExternalUrl('javascript:alert(1)', { allowLocal: true })).toBeNull()
  })

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.com']]) {
      expect(toTrustedExternalUrl(value)).toBeNull()
    }
  })
})
