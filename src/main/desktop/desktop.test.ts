import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Desktop } from './desktop'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-desktop-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

function setup(taken = new Set<string>()) {
  const registered = new Map<string, () => void>()
  const login: boolean[] = []
  const desktop = new Desktop({
    file: path.join(dir, 'prefs.json'),
    shortcuts: {
      register: (accelerator, callback) => {
        if (taken.has(accelerator)) return false
        registered.set(accelerator, callback)
        return true
      },
      unregister: (accelerator) => registered.delete(accelerator),
      unregisterAll: () => registered.clear(),
    },
    setOpenAtLogin: (open) => login.push(open),
    onQuickCapture: () => undefined,
  })
  return { desktop, registered, login }
}

describe('desktop preferences', () => {
  it('registers the quick-capture shortcut at load, and moves it when changed', async () => {
    const { desktop, registered } = setup()
    await desktop.load()
    expect([...registered.keys()]).toEqual(['CommandOrControl+Alt+N'])
    expect(desktop.status().shortcutRegistered).toBe(true)
    await desktop.change({ quickCaptureShortcut: 'Alt+Shift+I' })
    expect([...registered.keys()]).toEqual(['Alt+Shift+I'])
  })

  it('says when another application holds the shortcut', async () => {
    const { desktop } = setup(new Set(['CommandOrControl+Alt+N']))
    await desktop.load()
    expect(desktop.status().shortcutRegistered).toBe(false)
  })

  it('saves changes and applies the login item; a restart reads them back', async () => {
    const { desktop, login } = setup()
    await desktop.load()
    await desktop.change({ openAtLogin: true, closeToTray: false })
    expect(login).toEqual([true])
    const again = setup().desktop
    await again.load()
    expect(again.status()).toMatchObject({ openAtLogin: true, closeToTray: false })
  })
})
