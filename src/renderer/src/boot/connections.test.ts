import { afterEach, expect, it } from 'vitest'
import { configuredServer, narrowConnections, TEAM_CONFIG_KEY } from './connections'

afterEach(() => localStorage.clear())

it('lets the page connect to itself and the one configured team server, and nothing else', () => {
  narrowConnections(document, localStorage)
  expect(document.head.lastElementChild?.getAttribute('content')).toBe("connect-src 'self'")
  localStorage.setItem(TEAM_CONFIG_KEY, JSON.stringify({ url: 'wss://sync.example.com:8443/x' }))
  narrowConnections(document, localStorage)
  expect(document.head.lastElementChild?.getAttribute('content')).toBe(
    "connect-src 'self' wss://sync.example.com:8443",
  )
  for (const url of ['https://evil.example', 'javascript:alert(1)', 42])
    expect(
      configuredServer({ getItem: () => JSON.stringify({ url }) } as unknown as Storage),
    ).toBeNull()
  expect(configuredServer({ getItem: () => '{not json' } as unknown as Storage)).toBeNull()
})
