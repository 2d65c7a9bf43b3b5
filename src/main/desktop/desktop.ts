/**
 * The desktop preferences in use: loaded from their file, changed by the page, applied to the OS
 * (the login item, the quick-capture shortcut). The Electron parts come in as arguments.
 */
import {
  DEFAULT_DESKTOP_PREFERENCES,
  type DesktopPreferences,
  type DesktopStatus,
} from '../../shared/ipc-contract'
import type { Handle } from '../ipc/handle'
import { loadPreferences, savePreferences, type StoredPreferences } from './preferences'

export interface DesktopDeps {
  file: string
  shortcuts: {
    register(accelerator: string, callback: () => void): boolean
    unregister(accelerator: string): void
    unregisterAll(): void
  }
  setOpenAtLogin(open: boolean): void
  /** What the quick-capture shortcut does. */
  onQuickCapture(): void
}

export class Desktop {
  prefs: StoredPreferences = { ...DEFAULT_DESKTOP_PREFERENCES, trayHintShown: false }
  private shortcutRegistered = false

  constructor(private readonly deps: DesktopDeps) {}

  async load(): Promise<void> {
    this.prefs = await loadPreferences(this.deps.file)
    this.applyShortcut()
  }

  status(): DesktopStatus {
    const { closeToTray, openAtLogin, quickCaptureShortcut } = this.prefs
    return {
      closeToTray,
      openAtLogin,
      quickCaptureShortcut,
      shortcutRegistered: this.shortcutRegistered,
    }
  }

  async change(changes: Partial<DesktopPreferences>): Promise<DesktopStatus> {
    const previous = this.prefs.quickCaptureShortcut
    this.prefs = { ...this.prefs, ...changes }
    await this.save()
    this.deps.setOpenAtLogin(this.prefs.openAtLogin)
    if (changes.quickCaptureShortcut) this.applyShortcut(previous)
    return this.status()
  }

  save(): Promise<void> {
    return savePreferences(this.deps.file, this.prefs)
  }

  /** At quit: the shortcut goes back to the system. */
  stop(): void {
    this.deps.shortcuts.unregisterAll()
  }

  /** The first time the window goes into the tray, says that Steady is still running. */
  trayHintOnce(show: (notice: { title: string; body: string }) => void): void {
    if (this.prefs.trayHintShown) return
    this.prefs.trayHintShown = true
    void this.save()
    show({
      title: 'Steady is still running',
      body: 'It stays in the tray so reminders can reach you. Turn this off in Settings.',
    })
  }

  /** Registers the quick-capture shortcut; another app holding it is reported, not thrown. */
  private applyShortcut(previous?: string): void {
    if (previous) this.deps.shortcuts.unregister(previous)
    try {
      this.shortcutRegistered = this.deps.shortcuts.register(
        this.prefs.quickCaptureShortcut,
        this.deps.onQuickCapture,
      )
    } catch {
      this.shortcutRegistered = false
    }
  }
}

export function registerDesktopIpc(handle: Handle, desktop: Desktop): void {
  handle('desktop:get-preferences', () => desktop.status())
  handle('desktop:set-preferences', (changes) => desktop.change(changes))
}
