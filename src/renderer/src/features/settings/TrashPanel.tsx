import type { Incident } from '@shared/domain/model'
import { purgeAt } from '@shared/domain/trash'
import { useLiveQuery } from 'dexie-react-hooks'
import { formatDate } from '../../components/format'
import { incidentsRepo } from '../../db/instance'
import { displayTitle } from '../phase/labels'

/** Deleted incidents, kept 30 days: each can be restored exactly as it was. */
export function TrashPanel() {
  const trash = useLiveQuery(() => incidentsRepo.trash(), [], [] as Incident[])
  return (
    <section aria-labelledby="trash-title">
      <h2 id="trash-title" className="settings-heading">
        Trash
      </h2>
      {trash.length === 0 ? (
        <p className="muted">The trash is empty. Deleted incidents stay here for 30 days.</p>
      ) : (
        <ul className="trash-list" aria-label="Incidents in the trash">
          {trash.map((incident) => (
            <li key={incident.id} className="trash-item">
              <span>
                {displayTitle(incident)}
                <span className="muted small">
                  {' '}
                  · deleted {formatDate(incident.deletedAt ?? 0)}, kept until{' '}
                  {formatDate(purgeAt(incident) ?? 0)}
                </span>
              </span>
              <button
                type="button"
                className="button secondary small"
                onClick={() => void incidentsRepo.restore(incident.id)}
              >
                Restore {displayTitle(incident)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
