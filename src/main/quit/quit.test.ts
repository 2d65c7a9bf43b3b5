import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { LastBackup } from './last-backup'
import { registerQuit } from './quit'

/** Electron's app as far as quitting goes: before-quit may postpone, will-quit ends. */
class FakeApp extends EventEmitter {
  ended = 0
  quit() {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) }
    this.emit('before-quit', event)
    if (event.defaultPrevented) return
    this.emit('will-quit')
    this.ended++
  }
}

function setup({ platform = 'linux' as NodeJS.Platform, inTray = true, page = true } = {}) {
  const app = new FakeApp()
  let answer: () => void = () => undefined
  let requests = 0
  const lastBackup = new LastBackup({
    request: () => requests++,
    setTimer: () => undefined,
  })
  const windows = { quitting: false, current: page ? {} : null }
  const stopped: string[] = []
  registerQuit(app as never, {
    lastBackup,
    windows,
    keepsInTray: () => inTray,
    services: [{ stop: () => stopped.push('scheduler') }, { stop: () => stopped.push('backups') }],
    platform,
  })
  answer = () => lastBackup.written()
  return { app, windows, stopped, requests: () => requests, answer }
}

describe('quitting', () => {
  it('waits for the page’s last backup, asked once, then stops the services and ends', async () => {
    const { app, windows, stopped, requests, answer } = setup()
    app.quit()
    expect(windows.quitting).toBe(true)
    expect(requests()).toBe(1)
    expect(app.ended).toBe(0)
    answer()
    await Promise.resolve()
    await Promise.resolve()
    expect(app.ended).toBe(1)
    expect(requests()).toBe(1)
    expect(stopped).toEqual(['scheduler', 'backups'])
  })

  it('ends at once with no page to ask', () => {
    const { app, requests } = setup({ page: false })
    app.quit()
    expect(requests()).toBe(0)
    expect(app.ended).toBe(1)
  })

  it('closing the last window quits only when Steady is not kept in the tray, and never on macOS', () => {
    const kept = setup({ page: false })
    kept.app.emit('window-all-closed')
    expect(kept.app.ended).toBe(0)
    const notKept = setup({ inTray: false, page: false })
    notKept.app.emit('window-all-closed')
    expect(notKept.app.ended).toBe(1)
    const mac = setup({ inTray: false, page: false, platform: 'darwin' })
    mac.app.emit('window-all-closed')
    expect(mac.app.ended).toBe(0)
  })
})
