/**
 * "Seen before?": past incidents like this one, each with its root cause and what worked, one click
 * away side by side; and on Capture, a warning when an open incident looks like the same one, with
 * the choice to open it or link the two.
 */
import type { Incident } from '@shared/domain/model'
import { DUPLICATE_WITHIN, likelyDuplicate, type Similar } from '@shared/domain/similar'
import { INCIDENT_KIND_LABELS } from '@shared/domain/vocabulary'
import { useLiveQuery } from 'dexie-react-hooks'
import { useDeferredValue, useEffect, useMemo, useState } from 'react'
import { formatDate } from '../../components/format'
import { useNow } from '../../components/use-now'
import { db, incidentsRepo } from '../../db/instance'
import { appSearch } from '../incidents/app-search'
import { useUi } from '../../stores/ui-store'
import { displayTitle } from '../phase/labels'

/** What was tried and worked, in a few words. */
const worked = (incident: Incident) =>
  incident.mitigations
    .filter((m) => m.outcome === 'worked')
    .map((m) => m.action)
    .join('; ')

/**
 * Past incidents like `incident`, found by the search worker among those sharing its words (only
 * those are read): asked again at each change of the record, and once the index has caught up.
 */
function useSimilar(incident: Incident): Similar[] {
  const search = appSearch()
  // The index catches up with the database once per screen (after its first render).
  const [synced, setSynced] = useState(0)
  useEffect(() => {
    let live = true
    const timer = setTimeout(
      () => void search.sync().then(() => live && setSynced((n) => n + 1)),
      SYNC_AFTER_MS,
    )
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [search])
  const [found, setFound] = useState<Similar[]>([])
  useEffect(() => {
    let live = true
    const start = performance.now()
    void search.similar(incident).then((next) => {
      // For the benchmark: from the record's change to the answer.
      performance.measure('steady:similar', { start })
      if (live) setFound(next)
    })
    return () => {
      live = false
    }
  }, [search, incident, synced])
  return found
}
const SYNC_AFTER_MS = 300

/** The incidents `incident` is linked to as possibly the same one. */
function useLinked(incident: Incident): Incident[] {
  const ids = incident.related ?? []
  const linked = useLiveQuery(
    async () => (await db.incidents.bulkGet(ids)).filter((i): i is Incident => i !== undefined),
    [ids.join(' ')],
  )
  return linked ?? []
}

export function SimilarIncidents({ incident }: { incident: Incident }) {
  const current = useDeferredValue(incident)
  const navigate = useUi((s) => s.navigate)
  const now = useNow(60_000)
  const setPeek = useUi((s) => s.setPeek)
  const found = useSimilar(current)
  const linked = useLinked(incident)
  if (!found.length && !linked.length) return null
  return (
    <section aria-labelledby="similar-title" className="section similar">
      <h3 id="similar-title" className="section-title">
        Seen before?
      </h3>
      {linked.length > 0 && (
        <p className="similar-linked">
          Linked as possibly the same incident:{' '}
          {linked.map((other, n) => (
            <span key={other.id}>
              {n > 0 && ', '}
              <button type="button" className="link-button" onClick={() => setPeek(other.id)}>
                {displayTitle(other)}
              </button>
            </span>
          ))}
        </p>
      )}
      <ul className="similar-list">
        {found.map(({ incident: past, reasons }) => (
          <li key={past.id}>
            <button
              type="button"
              className="link-button"
              aria-label={`${displayTitle(past)}, side by side`}
              onClick={() => setPeek(past.id)}
            >
              {displayTitle(past)}
            </button>{' '}
            <button
              type="button"
              className="link-button small"
              aria-label={`Open ${displayTitle(past)}`}
              onClick={() => navigate({ screen: 'incident', id: past.id })}
            >
              Open
            </button>{' '}
            <span className="muted">
              {formatDate(past.startedAt, now)}
              {past.kind &&
                past.kind !== 'incident' &&
                ` · ${INCIDENT_KIND_LABELS[past.kind]}`} · {reasons.join(' · ')}
            </span>
            {past.rootCause.summary.trim() && (
              <p className="similar-fact">Root cause: {past.rootCause.summary}</p>
            )}
            {worked(past) && <p className="similar-fact">What worked: {worked(past)}</p>}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** On Capture: an open incident that looks like this new one, with the choice to go there. */
export function DuplicateWarning({ incident }: { incident: Incident }) {
  const navigate = useUi((s) => s.navigate)
  const [dismissed, setDismissed] = useState<string | null>(null)
  const current = useDeferredValue(incident)
  // Only the incidents still open that started near this one, through an index: a handful,
  // whatever the history (a team's years of it can hold thousands of open incidents).
  const open = useLiveQuery(
    () =>
      db.incidents
        .where('[status+startedAt]')
        .between(
          ['active', current.startedAt - DUPLICATE_WITHIN],
          ['active', current.startedAt + DUPLICATE_WITHIN],
          true,
          true,
        )
        .toArray(),
    [current.startedAt],
  )
  const twin = useMemo(() => (open ? likelyDuplicate(current, open) : null), [open, current])
  if (!twin || dismissed === twin.incident.id || incident.related?.includes(twin.incident.id))
    return null
  return (
    <div className="correction-banner duplicate" role="status">
      <p>
        This looks like <strong>{displayTitle(twin.incident)}</strong>, still open (
        {twin.reasons.join(', ')}). The same incident?
      </p>
      <div className="inline-row">
        <button
          type="button"
          className="button secondary small"
          onClick={() => navigate({ screen: 'incident', id: twin.incident.id })}
        >
          Open that one
        </button>
        <button
          type="button"
          className="button secondary small"
          onClick={() =>
            void incidentsRepo
              .link(incident.id, twin.incident.id)
              .then(() => setDismissed(twin.incident.id))
          }
        >
          Link them
        </button>
        <button
          type="button"
          className="button quiet small"
          onClick={() => setDismissed(twin.incident.id)}
        >
          A different incident
        </button>
      </div>
    </div>
  )
}
