import { isAccelerator, type DesktopPreferences, type DesktopStatus } from '@shared/ipc-contract'
import { useEffect, useState } from 'react'
import { usePlatform } from '../../platform/platform-context'

/** Tray, login item and quick-capture shortcut: desktop app only. */
export function DesktopSettings() {
  const platform = usePlatform()
  const [status, setStatus] = useState<DesktopStatus | null>(null)
  const [shortcut, setShortcut] = useState('')
  useEffect(() => {
    void platform.desktopPreferences().then((s) => {
      setStatus(s)
      setShortcut(s?.quickCaptureShortcut ?? '')
    })
  }, [platform])
  if (!status) return null
  const valid = isAccelerator(shortcut)
  const change = (changes: Partial<DesktopPreferences>) =>
    void platform.setDesktopPreferences(changes).then(setStatus)
  return (
    <fieldset className="field">
      <legend className="field-label">Desktop</legend>
      <div className="checklist">
        <label className="check">
          <input
            type="checkbox"
            checked={status.closeToTray}
            onChange={(e) => change({ closeToTray: e.target.checked })}
          />
          Keep running in the tray when the window closes, so reminders still arrive
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={status.openAtLogin}
            onChange={(e) => change({ openAtLogin: e.target.checked })}
          />
          Open Steady at login
        </label>
        <label className="check">
          Quick capture from anywhere
          <input
            className="input input-small"
            value={shortcut}
            aria-invalid={!valid}
            aria-describedby="shortcut-hint"
            onChange={(e) => setShortcut(e.target.value.trim())}
            onBlur={() =>
              valid &&
              shortcut !== status.quickCaptureShortcut &&
              change({ quickCaptureShortcut: shortcut })
            }
          />
        </label>
        {!valid && (
          <p id="shortcut-hint" className="error-text" role="alert">
            A shortcut needs Ctrl, Cmd, Alt or Super and one key, e.g. CommandOrControl+Alt+N. The
            current one stays: {status.quickCaptureShortcut}.
          </p>
        )}
        {!status.shortcutRegistered && (
          <p className="error-text">
            Another application already uses {status.quickCaptureShortcut}. Choose another.
          </p>
        )}
      </div>
    </fieldset>
  )
}
