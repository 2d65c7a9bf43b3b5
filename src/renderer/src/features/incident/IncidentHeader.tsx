import { SEVERITIES, type Incident, type Severity } from '@shared/domain/model'
import { MINUTE } from '@shared/domain/time'
import { Clock, PanelRight, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { WhenField } from '../../components/TimePicker'
import { SeverityBadge } from '../../components/SeverityBadge'
import { formatElapsed } from '../../components/format'
import { useNow } from '../../components/use-now'
import { autosave, incidentsRepo } from '../../db/instance'
import { useSettings } from '../../db/hooks'
import { displayTitle } from '../phase/labels'
import { useUi } from '../../stores/ui-store'
import { useTimelineShown } from '../timeline/use-timeline-shown'

/** Severity, title, the clock since impact started, and the phase's countdown when timeboxed. */
export function IncidentHeader({ incident }: { incident: Incident }) {
  const now = useNow()
  const settings = useSettings()
  const active = incident.status === 'active'
  const end = incident.resolvedAt ?? now
  const box =
    active && incident.phase === 'capture'
      ? settings?.timeboxes.captureMinutes
      : active && incident.phase === 'triage'
        ? settings?.timeboxes.triageMinutes
        : undefined
  const left = box === undefined ? null : incident.phaseEnteredAt + box * MINUTE - now
  // The change just made, so its time can be set right away (it was logged as "now").
  const [justChanged, setJustChanged] = useState<{ eventId: string; to: Severity } | null>(null)
  const reclassify = async (to: Severity) => {
    await incidentsRepo.changeSeverity(incident.id, to)
    const last = await incidentsRepo.lastEvent(incident.id)
    if (last?.kind === 'severity-changed') setJustChanged({ eventId: last.id, to })
  }
  return (
    <>
      <header className="incident-header">
        <div className="incident-heading">
          {incident.phase === 'capture' || incident.phase === 'triage' ? (
            <SeverityBadge severity={incident.severity} />
          ) : (
            // Past triage, the badge itself reclassifies: same colour and text, one click away.
            <select
              aria-label="Severity (reclassify)"
              title="Reclassify severity"
              className={`badge badge-select badge-${incident.severity?.toLowerCase() ?? 'none'}`}
              value={incident.severity ?? ''}
              onChange={(e) => void reclassify(e.target.value as Severity)}
            >
              {!incident.severity && <option value="">No severity</option>}
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
          <h1 className="incident-title">{displayTitle(incident)}</h1>
        </div>
        <div className="incident-meta">
          {left !== null && (
            <span
              className="countdown"
              data-over={left <= 0 || undefined}
              role="timer"
              aria-live="off"
            >
              {left > 0 ? `${formatElapsed(left).replace(/^00:/, '')} left` : 'Time to move on'}
            </span>
          )}
          <button
            type="button"
            className="icon-button"
            title="Move to the trash (kept 30 days)"
            aria-label="Move incident to the trash"
            onClick={() => void moveToTrash(incident)}
          >
            <Trash2 size={16} aria-hidden="true" />
          </button>
          <FocusChip />
          <TimelineToggle />
          <span className="elapsed" title="Time since impact started">
            <Clock size={15} aria-hidden="true" />
            <span className="visually-hidden">{incident.resolvedAt ? 'Lasted' : 'Elapsed'}</span>
            {formatElapsed(end - incident.startedAt)}
          </span>
        </div>
      </header>
      {justChanged && (
        <Reclassified
          incidentId={incident.id}
          change={justChanged}
          onDone={() => setJustChanged(null)}
        />
      )}
    </>
  )
}

/** "Reclassified to SEV1 now": the time can be set at once, without a step for those who don't. */
function Reclassified({
  incidentId,
  change,
  onDone,
}: {
  incidentId: string
  change: { eventId: string; to: Severity }
  onDone: () => void
}) {
  const [at, setAt] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="reclassified when-row" role="status">
      <span className="muted small">Reclassified to {change.to} at</span>
      <WhenField
        label="Time of the severity change"
        value={at}
        onChange={(ms) => {
          setAt(ms)
          if (ms !== null)
            void incidentsRepo.correctTime(incidentId, change.eventId, ms).then(
              () => setError(null),
              (e: Error) => setError(e.message),
            )
        }}
      />
      <button type="button" className="link-button small" onClick={onDone}>
        Done
      </button>
      <ErrorText message={error} />
    </div>
  )
}

/** Test runs and mistakes go to the trash; the list offers to undo at once. */
async function moveToTrash(incident: Incident): Promise<void> {
  // What was typed a moment ago goes to the trash with it (and names it in the notice).
  await autosave.flush(incident.id)
  const deleted = await incidentsRepo.delete(incident.id)
  const ui = useUi.getState()
  ui.setTrashed({ id: incident.id, title: displayTitle(deleted) })
  ui.navigate({ screen: 'incidents' })
}

/** Shows or hides the timeline (a drawer in a narrow window); T does the same. */
function TimelineToggle() {
  const open = useTimelineShown()
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Timeline"
      title={open ? 'Hide the timeline (T)' : 'Show the timeline (T)'}
      aria-expanded={open}
      aria-controls={open ? 'timeline-panel' : undefined}
      onClick={() => useUi.getState().toggleTimeline()}
    >
      <PanelRight size={16} aria-hidden="true" />
    </button>
  )
}

/** Says that focus mode is on, and leaves it (F does the same). */
function FocusChip() {
  const focused = useUi((s) => s.focused)
  if (!focused) return null
  return (
    <button
      type="button"
      className="pill focus-chip"
      title="Focus mode: the sidebar as icons, the timeline's last entries. F leaves it."
      onClick={() => useUi.setState({ focusMode: false })}
    >
      Focus <kbd>F</kbd>
    </button>
  )
}
