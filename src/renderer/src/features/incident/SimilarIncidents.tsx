/**
 * "Seen before?": past incidents like this one, each with its root cause and what worked, one click
 * away side by side; and on Capture, a warning when an open incident looks like the same one, with
 * the choice to open it or link the two.
 */
import type { Incident } from '@shared/domain/model'
import { likelyDuplicate, prepareCandidates, similarIncidents } from '@shared/domain/similar'
import { INCIDENT_KIND_LABELS } from '@shared/domain/vocabulary'
import { useDeferredValue, useMemo, useState } from 'react'
import { formatDate } from '../../components/format'
import { useNow } from '../../components/use-now'
import { incidentsRepo } from '../../db/instance'
import { measuredNow } from '../../platform/perf'
import { useUi } from '../../stores/ui-store'
import { displayTitle } from '../phase/labels'

/** What was tried and worked, in a few words. */
const worked = (incident: Incident) =>
  incident.mitigations
    .filter((m) => m.outcome === 'worked')
    .map((m) => m.action)
    .join('; ')

/** `all`: every incident, read once by the screen (useAllIncidents) for this and DuplicateWarning. */
export function SimilarIncidents({
  incident,
  all,
}: {
  incident: Incident
  all: readonly Incident[] | undefined
}) {
  const current = useDeferredValue(incident)
  const navigate = useUi((s) => s.navigate)
  const now = useNow(60_000)
  // Past incidents' words are read once per change of the list, not once per keystroke here.
  const candidates = useMemo(
    () => prepareCandidates((all ?? []).filter((i) => i.status !== 'active')),
    [all],
  )
  const setPeek = useUi((s) => s.setPeek)
  const found = useMemo(
    () => measuredNow('similar', () => similarIncidents(current, candidates)),
    [candidates, current],
  )
  const linked = useMemo(
    () => (all ?? []).filter((i) => incident.related?.includes(i.id)),
    [all, incident.related],
  )
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
export function DuplicateWarning({
  incident,
  all,
}: {
  incident: Incident
  all: readonly Incident[] | undefined
}) {
  const navigate = useUi((s) => s.navigate)
  const [dismissed, setDismissed] = useState<string | null>(null)
  const current = useDeferredValue(incident)
  const twin = useMemo(() => (all ? likelyDuplicate(current, all) : null), [all, current])
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
