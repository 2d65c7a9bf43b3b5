import type { BrowserWindowConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { createMainWindow } from './main-window'

type Handler = (...args: never[]) => unknown

/** A stand-in for Electron's BrowserWindow that records what the factory asked of it. */
function fakeBrowserWindow() {
  const created: FakeWindow[] = []
  class FakeWindow {
    readonly events = new Map<string, Handler>()
    readonly contentsEvents = new Map<string, Handler>()
    windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
    maximized = false
    readonly webContents = {
      setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => {
        this.windowOpenHandler = fn
      },
      on: (event: string, fn: Handler) => this.contentsEvents.set(event, fn),
    }
    constructor(readonly options: BrowserWindowConstructorOptions) {
      created.push(this)
    }
    maximize() {
      this.maximized = true
    }
    once(event: string, fn: Handler) {
      this.events.set(event, fn)
    }
    show() {}
  }
  return { FakeWindow, created }
}

function makeWindow(state = { width: 1200, height: 800, maximized: false }) {
  const { FakeWindow, created } = fakeBrowserWindow()
  const openExternal = vi.fn()
  createMainWindow({
    BrowserWindow: FakeWindow as never,
    preloadPath: '/app/preload/index.cjs',
    state,
    openExternal,
    backgroundColor: '#000000',
  })
  const win = created[0]
  if (!win) throw new Error('no window was created')
  return { win, openExternal }
}

function navigationEvent() {
  return { preventDefault: vi.fn() }
}

describe('createMainWindow', () => {
  it('creates the window with the secure preferences', () => {
    const { win } = makeWindow()
    expect(win.options.webPreferences).toEqual({
      preload: '/app/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    })
  })

  it('restores the remembered size and maximised state', () => {
    const { win } = makeWindow({ width: 1400, height: 900, maximized: true })
    expect(win.options).toMatchObject({ width: 1400, height: 900 })
    expect(win.maximized).toBe(true)
  })

  it('denies window.open, sending allowlisted links to the system browser only', () => {
    const { win, openExternal } = makeWindow()
    expect(win.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(win.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(win.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual([['https://example.com/']])
  })

  it('blocks navigation away from the app but allows its own pages', () => {
    const { win, openExternal } = makeWindow()
    const willNavigate = win.contentsEvents.get('will-navigate') as (
      e: ReturnType<typeof navigationEvent>,
      url: string,
    ) => void
    const inside = navigationEvent()
    willNavigate(inside, 'app://steady/index.html')
    expect(inside.preventDefault).not.toHaveBeenCalled()

    const outside = navigationEvent()
    willNavigate(outside, 'https://evil.example/')
    expect(outside.preventDefault).toHaveBeenCalled()
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/')

    const file = navigationEvent()
    willNavigate(file, 'file:///etc/passwd')
    expect(file.preventDefault).toHaveBeenCalled()
    expect(openExternal).toHaveBeenCalledTimes(1)
  })

  it('stops a redirect away from the app, and opens nothing for it', () => {
    const { win, openExternal } = makeWindow()
    const willRedirect = win.contentsEvents.get('will-redirect') as (
      e: ReturnType<typeof navigationEvent>,
      url: string,
    ) => void
    const inside = navigationEvent()
    willRedirect(inside, 'app://steady/index.html')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html']) {
      const away = navigationEvent()
      willRedirect(away, url)
      expect(away.preventDefault, url).toHaveBeenCalled()
    }
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('refuses to attach webviews', () => {
    const { win } = makeWindow()
    const attach = win.contentsEvents.get('will-attach-webview') as (
      e: ReturnType<typeof navigationEvent>,
    ) => void
    const event = navigationEvent()
    attach(event)
    expect(event.preventDefault).toHaveBeenCalled()
  })
})
