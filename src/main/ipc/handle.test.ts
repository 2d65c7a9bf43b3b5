import { describe, expect, it, vi } from 'vitest'
import { createHandle } from './handle'

type Listener = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown

function fakeIpcMain() {
  const listeners = new Map<string, Listener>()
  return {
    handle: (channel: string, listener: Listener) => {
      listeners.set(channel, listener)
    },
    invoke: (channel: string, senderUrl: string | null, ...args: unknown[]) => {
      const listener = listeners.get(channel)
      if (!listener) throw new Error(`no handler for ${channel}`)
      return Promise.resolve(
        listener({ senderFrame: senderUrl ? { url: senderUrl } : null }, ...args),
      )
    },
  }
}

const trusted = (url: string) => url.startsWith('app://steady/')

describe('handle()', () => {
  it('runs the handler for the app page with valid arguments', async () => {
    const ipc = fakeIpcMain()
    const openExternal = vi.fn(async () => true)
    createHandle(ipc, trusted)('shell:open-external', openExternal)
    await expect(
      ipc.invoke('shell:open-external', 'app://steady/index.html', 'https://example.com'),
    ).resolves.toBe(true)
    expect(openExternal).toHaveBeenCalledWith('https://example.com')
  })

  it.each([
    ['a foreign page', 'https://evil.example/'],
    ['a look-alike origin', 'app://steady.evil/index.html'],
    ['a frame with no URL', null],
  ])('refuses a call from %s', async (_name, sender) => {
    const ipc = fakeIpcMain()
    const handler = vi.fn(() => true)
    createHandle(ipc, trusted)('shell:open-external', handler)
    await expect(ipc.invoke('shell:open-external', sender, 'https://example.com')).rejects.toThrow(
      /did not come from Steady's own page/,
    )
    expect(handler).not.toHaveBeenCalled()
  })

  it.each([
    ['a number instead of a URL', [42]],
    ['a missing argument', []],
    ['an extra argument', ['https://example.com', 'extra']],
    ['an absurdly long string', ['x'.repeat(5000)]],
  ])('refuses %s', async (_name, args) => {
    const ipc = fakeIpcMain()
    const handler = vi.fn(() => true)
    createHandle(ipc, trusted)('shell:open-external', handler)
    await expect(
      ipc.invoke('shell:open-external', 'app://steady/index.html', ...args),
    ).rejects.toThrow(/invalid arguments/)
    expect(handler).not.toHaveBeenCalled()
  })
})
