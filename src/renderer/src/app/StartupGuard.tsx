/**
 * What start-up shows instead of the app when the data is in doubt: a database that will not open,
 * or one that opened empty while a backup holds incidents. Nothing is restored, deleted or reset
 * without the user's say.
 */
import type { BackupInfo } from '@shared/ipc-contract'
import { format } from 'date-fns'
import { useState } from 'react'
import { DbError, openDatabase } from '../db/errors'
import { db } from '../db/instance'
import { restoreBackup } from '../features/data/backup-files'
import type { Platform } from '../platform'
import { ErrorText } from '../components/ErrorText'

async function restore(platform: Platform, backup: BackupInfo): Promise<void> {
  if (platform.backups) await restoreBackup(platform.backups, backup)
}

export function RestoreOffer({
  platform,
  backup,
  onDone,
}: {
  platform: Platform
  backup: BackupInfo
  onDone: () => void
}) {
  const [error, setError] = useState<string | null>(null)
  return (
    <main className="page startup-error">
      <h1>Your incidents may be in a backup</h1>
      <p>
        Steady opened with no incidents, but the backup from{' '}
        {format(backup.at, 'd MMM yyyy, HH:mm')} holds {backup.counts['incidents'] ?? 0}. Restore
        it?
      </p>
      <ErrorText message={error} />
      <div className="dialog-actions">
        <button type="button" className="button quiet" onClick={onDone}>
          Start empty
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => restore(platform, backup).then(onDone, (e: Error) => setError(e.message))}
        >
          Restore the backup
        </button>
      </div>
    </main>
  )
}

export function StartupError({
  error,
  platform,
  backup,
  onDone,
}: {
  error: unknown
  platform: Platform
  backup: BackupInfo | null
  onDone: () => void
}) {
  const [problem, setProblem] = useState<string | null>(null)
  const message =
    error instanceof DbError ? error.message : `Steady couldn't start: ${String(error)}`
  // A newer version's data is fine where it is; only a database that cannot open is replaced.
  const canRestore = backup !== null && error instanceof DbError && error.kind === 'open-failed'
  return (
    <main className="page startup-error">
      <h1>Steady can't open your data</h1>
      <p role="alert">{message}</p>
      {canRestore ? (
        <>
          <p>
            The newest backup, from {format(backup.at, 'd MMM yyyy, HH:mm')}, holds{' '}
            {backup.counts['incidents'] ?? 0} incidents. Restoring replaces the database that will
            not open with it.
          </p>
          {problem && <p className="error-text">{problem}</p>}
          <button
            type="button"
            className="button primary"
            onClick={() =>
              db
                .delete()
                .then(() => openDatabase(db))
                .then(() => restore(platform, backup))
                .then(onDone, (e: Error) => setProblem(e.message))
            }
          >
            Restore the newest backup
          </button>
        </>
      ) : (
        <p className="muted">Your incidents have not been touched. Close Steady and try again.</p>
      )}
    </main>
  )
}
