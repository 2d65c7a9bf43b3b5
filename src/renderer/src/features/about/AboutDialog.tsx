import { useEffect, useState } from 'react'
import type { AppInfo } from '@shared/ipc-contract'
import { Dialog } from '../../components/Dialog'
import { usePlatform } from '../../platform/platform-context'
import type { Persistence } from '../../db/persistence'
import { useUi } from '../../stores/ui-store'

const STORAGE_TEXT: Record<Persistence, string> = {
  persistent: 'Persistent: kept even when the disk runs low',
  'best-effort': 'Best effort: the browser may clear it when the disk runs low',
  unknown: 'Not known',
}

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const platform = usePlatform()
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  const storage = useUi((s) => s.storage)
  useEffect(() => {
    platform.getAppInfo().then(setInfo, (e: unknown) => setError(String(e)))
  }, [platform])

  return (
    <Dialog label="About Steady" onClose={onClose} className="about">
      <h2>About Steady</h2>
      <p className="muted">
        A calm guide through a production incident, from the first alert to prevention.
      </p>
      {error && <p role="alert">Couldn't read the app's details: {error}</p>}
      {info && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Platform</dt>
          <dd>
            {info.platform}
            {info.electron ? ` · Electron ${info.electron}` : ''}
          </dd>
          <dt>Your data</dt>
          <dd className="mono selectable">{info.dataPath}</dd>
          <dt>Storage</dt>
          <dd>{STORAGE_TEXT[storage]}</dd>
        </dl>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  )
}
