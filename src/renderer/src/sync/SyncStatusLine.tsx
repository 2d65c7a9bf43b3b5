import { plural } from '@shared/domain/vocabulary'
import { formatTime } from '../components/format'
import { useSyncStatus } from './use-team-sync'

/** A quiet line: synced, syncing, offline since 14:02 with changes waiting, or refused. */
export function SyncStatusLine() {
  const status = useSyncStatus((s) => s.status)
  if (!status) return null
  const text = status.refused
    ? `Team sync refused: ${status.refused}`
    : status.state === 'offline'
      ? `Offline since ${status.since ? formatTime(status.since, false) : 'now'}${
          status.waiting ? ` · ${plural(status.waiting, 'change')} waiting` : ''
        }`
      : status.state === 'syncing'
        ? 'Syncing…'
        : 'Synced with the team'
  const unreadable = status.unreadable
    ? ` · ${plural(status.unreadable, 'change')} from the team left out: it needs a newer Steady`
    : ''
  return (
    <p className="sync-status" role="status" data-state={status.refused ? 'refused' : status.state}>
      <span className="nav-label">
        {text}
        {unreadable}
      </span>
    </p>
  )
}
