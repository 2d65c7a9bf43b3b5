import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ORIGIN, containedPath, resolveAppPath } from './app-protocol'

const root = path.resolve('/opt/steady/renderer')

describe('resolveAppPath', () => {
  it('keeps the origin fixed, since IndexedDB data belongs to it', () => {
    expect(APP_ORIGIN).toBe('app://steady')
  })

  it.each([
    ['app://steady/', 'index.html'],
    ['app://steady/index.html', 'index.html'],
    ['app://steady/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://steady/assets/index-abc.js?v=1#x', 'assets/index-abc.js'],
    ['APP://STEADY/favicon.svg', 'favicon.svg'],
    ['app://steady/assets/a%20b.css', 'assets/a b.css'],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(resolveAppPath(url, root)).toBe(path.join(root, file))
  })

  it.each([
    'app://steady/../../etc/passwd',
    'app://steady/%2e%2e/%2e%2e/etc/passwd',
    'app://steady/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://steady/assets/..%2f..%2f..%2fetc/passwd',
    'app://steady/..%5c..%5cwindows%5csystem32',
    'app://steady/assets%5c..%5c..%5csecret',
    'app://steady/index.html%00.png',
    'app://steady/%E0%A4%A',
    'app://evil/index.html',
    'app://steady.evil.example/index.html',
    'file:///etc/passwd',
    'https://steady/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull()
  })
})

describe('containedPath', () => {
  it('resolves a path inside the folder', () => {
    expect(containedPath(root, 'assets/a.js')).toBe(path.join(root, 'assets/a.js'))
  })

  it.each([
    ['../secret', 'outside'],
    ['/etc/passwd', 'an absolute path'],
    ['../renderer-evil/x.js', 'a sibling whose name starts the same'],
    ['', 'the folder itself'],
    ['.', 'the folder itself'],
  ])('refuses %j (%s)', (relative) => {
    expect(containedPath(root, relative)).toBeNull()
  })
})
