import { describe, expect, it } from 'vitest'
import { denyAllPermissions, isAppUrl } from './harden'

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void
type CheckHandler = (contents: unknown, permission: string) => boolean

function fakeSession() {
  const handlers: { request?: RequestHandler; check?: CheckHandler } = {}
  return {
    handlers,
    setPermissionRequestHandler: (fn: RequestHandler) => {
      handlers.request = fn
    },
    setPermissionCheckHandler: (fn: CheckHandler) => {
      handlers.check = fn
    },
  }
}

describe('permissions', () => {
  it('denies everything but writing to the clipboard', () => {
    const session = fakeSession()
    denyAllPermissions(session as never)
    const asked = (permission: string) => {
      let granted: boolean | undefined
      session.handlers.request?.(null, permission, (g) => (granted = g))
      return granted
    }
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'midi',
    ]) {
      expect(asked(permission), permission).toBe(false)
      expect(session.handlers.check?.(null, permission), permission).toBe(false)
    }
    expect(asked('clipboard-sanitized-write')).toBe(true)
    expect(session.handlers.check?.(null, 'clipboard-sanitized-write')).toBe(true)
  })
})

describe('isAppUrl', () => {
  it.each([
    ['app://steady/index.html', true],
    ['app://steady/', true],
    ['app://steady.evil/index.html', false],
    ['https://steady/index.html', false],
    ['file:///index.html', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected)
  })

  it('accepts the dev server only when one is given', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5173/')).toBe(false)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })
})
