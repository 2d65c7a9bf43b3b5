/**
 * How Steady quits: one last backup first (asked of the page once, 3 s at most), then the
 * services stop. Closing the last window quits only when Steady is not kept in the tray.
 */
import type { App } from 'electron'
import type { LastBackup } from './last-backup'

export interface QuitDeps {
  lastBackup: Pick<LastBackup, 'asked' | 'take'>
  /** `quitting` makes windows close for good; `current` has the page to ask for the backup. */
  windows: { quitting: boolean; readonly current: unknown }
  /** Closing the last window leaves Steady running in the tray. */
  keepsInTray(): boolean
  /** Services to stop before the process ends. */
  services: { stop(): void }[]
  platform?: NodeJS.Platform
}

export function registerQuit(app: Pick<App, 'on' | 'quit'>, deps: QuitDeps): void {
  const { platform = process.platform } = deps
  app.on('before-quit', (event) => {
    deps.windows.quitting = true
    if (deps.lastBackup.asked || !deps.windows.current) return
    event.preventDefault()
    void deps.lastBackup.take()?.then(() => app.quit())
  })
  app.on('will-quit', () => {
    for (const service of deps.services) service.stop()
  })
  app.on('window-all-closed', () => {
    // Kept in the tray (the default), Steady runs on for its reminders; Quit is in the tray menu.
    // With that turned off, closing the last window quits, as elsewhere (but not on macOS).
    if (platform !== 'darwin' && !deps.keepsInTray()) app.quit()
  })
}
