/**
 * Another incident side by side with the one being worked: its facts, its root cause, what was
 * tried and what worked, without leaving this one. Esc or "Close" puts it away.
 */
import { responseDurations } from '@shared/domain/metrics'
import { formatDuration } from '@shared/domain/time'
import { INCIDENT_KIND_LABELS, OUTCOME_LABELS, STATUS_LABELS } from '@shared/domain/vocabulary'
import { useEffect, useRef } from 'react'
import { formatTime } from '../../components/format'
import { useIncident } from '../../db/hooks'
import { useUi } from '../../stores/ui-store'
import { displayTitle } from '../phase/labels'

export function IncidentPeek({ id }: { id: string }) {
  const incident = useIncident(id)
  const setPeek = useUi((s) => s.setPeek)
  const navigate = useUi((s) => s.navigate)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [incident?.id])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setPeek(null)
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [setPeek])
  if (!incident) return null
  const d = responseDurations(incident)
  const facts: [string, string][] = [
    ['Started', formatTime(incident.startedAt, true)],
    ['Severity', incident.severity ?? 'not set'],
    ['Status', STATUS_LABELS[incident.status]],
    ...(incident.kind && incident.kind !== 'incident'
      ? [['Kind', INCIDENT_KIND_LABELS[incident.kind]] as [string, string]]
      : []),
    ['Services', incident.services.join(', ') || '—'],
    ['Users back after', d.timeToMitigate === null ? 'not yet' : formatDuration(d.timeToMitigate)],
    ['Resolved after', d.timeToResolve === null ? 'not yet' : formatDuration(d.timeToResolve)],
  ]
  return (
    <aside className="peek" aria-labelledby="peek-title">
      <div className="peek-head">
        <p className="muted peek-kicker">Side by side</p>
        <h2 id="peek-title" ref={heading} tabIndex={-1}>
          {displayTitle(incident)}
        </h2>
      </div>
      <dl className="peek-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {incident.symptoms.trim() && (
        <>
          <h3>What happened</h3>
          <p className="peek-text">{incident.symptoms}</p>
        </>
      )}
      {incident.rootCause.summary.trim() && (
        <>
          <h3>Root cause</h3>
          <p className="peek-text">{incident.rootCause.summary}</p>
        </>
      )}
      {incident.mitigations.length > 0 && (
        <>
          <h3>What was tried</h3>
          <ul className="peek-list">
            {incident.mitigations.map((m) => (
              <li key={m.id}>
                {m.action}
                {m.outcome && <span className="muted"> · {OUTCOME_LABELS[m.outcome]}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="peek-actions">
        <button
          type="button"
          className="button"
          onClick={() => navigate({ screen: 'incident', id })}
        >
          Open it
        </button>
        <button type="button" className="button quiet" onClick={() => setPeek(null)}>
          Close
        </button>
      </div>
    </aside>
  )
}
