import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { WindowController } from './window-controller'

/** A window as far as the controller uses one. */
class FakeWindow extends EventEmitter {
  visible = false
  minimized = false
  loading = true
  closed = false
  url = ''
  reloads = 0
  readonly webContents = {
    isLoading: () => this.loading,
    once: (event: string, fn: () => void) => this.once(`contents:${event}`, fn),
    on: (event: string, fn: (event: unknown, details: { reason: string }) => void) =>
      this.on(`contents:${event}`, fn),
    reload: () => this.reloads++,
  }
  show = () => (this.visible = true)
  hide = () => (this.visible = false)
  focus = () => undefined
  isMinimized = () => this.minimized
  restore = () => (this.minimized = false)
  loadURL = async (url: string) => {
    this.url = url
  }
  close = () => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) }
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.closed = true
    this.emit('closed')
  }
  crash(reason = 'crashed') {
    this.emit('contents:render-process-gone', {}, { reason })
  }
  finishLoading() {
    this.loading = false
    this.emit('contents:did-finish-load')
  }
}

function setup({ inTray = true, answer = 'reload' as 'reload' | 'quit' } = {}) {
  const asked: string[] = []
  let quits = 0
  let now = 0
  const created: FakeWindow[] = []
  const saved: FakeWindow[] = []
  let hints = 0
  let backups = 0
  let finishBackup: () => void = () => undefined
  const lastBackup = {
    asked: false,
    take() {
      if (this.asked) return null
      this.asked = true
      backups++
      return new Promise<void>((resolve) => (finishBackup = resolve))
    },
  }
  const controller = new WindowController<FakeWindow>({
    create: async () => {
      const win = new FakeWindow()
      created.push(win)
      return win
    },
    url: 'app://steady/index.html',
    saveState: async (win) => void saved.push(win),
    keepsInTray: () => inTray,
    hiddenToTray: () => hints++,
    lastBackup,
    askAfterCrashes: async (reason) => (asked.push(reason), answer),
    quit: () => quits++,
    now: () => now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
  })
  return {
    controller,
    created,
    saved,
    hints: () => hints,
    backups: () => backups,
    finishBackup: () => finishBackup(),
    asked,
    quits: () => quits,
    advance: (ms: number) => (now += ms),
  }
}

describe('the main window', () => {
  it('opens at the app’s page', async () => {
    const { controller, created } = setup()
    await controller.open()
    expect(created[0]?.url).toBe('app://steady/index.html')
    expect(controller.current).toBe(created[0])
  })

  it('closes into the tray, remembering where it was, and comes back from there', async () => {
    const { controller, created, saved, hints } = setup()
    await controller.open()
    const win = created[0]!
    win.visible = true
    win.close()
    expect(win.visible).toBe(false)
    expect(win.closed).toBe(false)
    expect(saved).toEqual([win])
    expect(hints()).toBe(1)
    const told: string[] = []
    win.minimized = true
    win.loading = false
    await controller.show(() => told.push('page told'))
    expect(win.visible).toBe(true)
    expect(win.minimized).toBe(false)
    expect(told).toEqual(['page told'])
    expect(created).toHaveLength(1)
  })

  it('closing for good lets the page save and back up first, once', async () => {
    const { controller, created, backups, finishBackup } = setup({ inTray: false })
    await controller.open()
    const win = created[0]!
    win.close()
    expect(win.closed).toBe(false)
    expect(backups()).toBe(1)
    finishBackup()
    await new Promise((resolve) => setTimeout(resolve))
    expect(win.closed).toBe(true)
    expect(backups()).toBe(1)
    expect(controller.current).toBeNull()
  })

  it('while quitting, closes for good even when kept in the tray', async () => {
    const { controller, created, hints } = setup()
    await controller.open()
    controller.quitting = true
    created[0]!.close()
    expect(hints()).toBe(0)
    expect(created[0]!.visible).toBe(false)
  })

  it('from the tray with no window left, makes one and tells its page once it has loaded', async () => {
    const { controller, created } = setup({ inTray: false })
    const told: string[] = []
    const shown = controller.show(() => told.push('new incident'))
    await shown
    expect(created).toHaveLength(1)
    expect(told).toEqual([])
    created[0]!.finishLoading()
    expect(told).toEqual(['new incident'])
  })

  it('reloads a crashed page by itself, and asks after the third crash in a minute', async () => {
    const { controller, created, asked, advance } = setup()
    await controller.open()
    const win = created[0]!
    win.crash('clean-exit')
    expect(win.reloads).toBe(0)
    win.crash()
    advance(20_000)
    win.crash('oom')
    expect(win.reloads).toBe(2)
    expect(asked).toEqual([])
    advance(20_000)
    win.crash('oom')
    await Promise.resolve()
    expect(asked).toEqual(['oom'])
    expect(win.reloads).toBe(3)
    // A minute later, crashes reload by themselves again.
    advance(61_000)
    win.crash()
    expect(win.reloads).toBe(4)
    expect(asked).toHaveLength(1)
  })

  it('quits when the user chooses to after repeated crashes', async () => {
    const { controller, created, quits } = setup({ answer: 'quit' })
    await controller.open()
    const win = created[0]!
    for (let i = 0; i < 3; i++) win.crash()
    await Promise.resolve()
    expect(quits()).toBe(1)
    expect(win.reloads).toBe(2)
  })
})
