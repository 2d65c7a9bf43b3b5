import { LIMITS } from '@shared/domain/model'
import { FIX_STEPS, type Incident } from '@shared/domain/model'
import { HOUR } from '@shared/domain/time'
import type { MonitoringResult } from '@shared/domain/model'
import { FIX_STEP_LABELS } from '@shared/domain/vocabulary'
import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { formatDateTime, fromLocalInput, toLocalInput } from '../../components/format'
import { incidentsRepo } from '../../db/instance'
import { useNow } from '../../components/use-now'
import { TextInput } from '../../components/fields'
import { WhenField } from '../../components/TimePicker'
import { useSettings } from '../../db/hooks'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { useDetailField } from '../phase/use-detail-field'
import { usePhaseCommands } from '../phase/use-phase-commands'
import { ErrorText } from '../../components/ErrorText'

export function FixScreen({ incident }: { incident: Incident }) {
  const [checklist, setChecklist] = useDetailField(incident, 'fixChecklist')
  const [resolving, setResolving] = useState(false)
  const monitoringHours = useSettings()?.reminders.fixMonitoringHours ?? 24
  const resolved = incident.resolvedAt !== null
  const now = useNow(60_000)
  const { footer, move } = usePhaseCommands(
    incident,
    resolved
      ? { label: 'Move to post-mortem', move: { kind: 'go-to', to: 'postmortem' } }
      : { label: 'Resolve incident', run: () => setResolving(true) },
  )
  const [deployAt, setDeployAt] = useState<number | null>(null)
  const toggle = (step: (typeof FIX_STEPS)[number], checked: boolean): void => {
    setChecklist({ ...checklist, [step]: checked })
    if (step === 'deployed' && checked && incident.fixDeployedAt === null)
      void incidentsRepo.deployFix(incident.id, deployAt ?? undefined)
  }
  return (
    <div className="phase">
      <PhaseIntro
        goal="Deploy the real fix."
        rule="Fix the root cause, prove it with a test, then watch it for a day."
        why="A workaround is not a fix. The regression test is what stops this from coming back; the 24 hours of monitoring is what tells you it held."
      />
      <fieldset className="field">
        <legend className="field-label">Fix checklist</legend>
        <div className="checklist">
          {FIX_STEPS.map((step) => (
            <label key={step} className="check">
              <input
                type="checkbox"
                checked={checklist[step]}
                onChange={(e) => toggle(step, e.target.checked)}
              />
              {FIX_STEP_LABELS[step]}
              {step === 'deployed' && incident.fixDeployedAt !== null && (
                <span className="muted"> · {formatDateTime(incident.fixDeployedAt, now)}</span>
              )}
            </label>
          ))}
          {incident.fixDeployedAt === null && (
            <div className="when-row">
              <span className="muted small">Deployed at</span>
              <WhenField label="Time of the deploy" value={deployAt} onChange={setDeployAt} />
            </div>
          )}
        </div>
      </fieldset>
      {incident.fixDeployedAt !== null && (
        <Monitoring incident={incident} monitoringHours={monitoringHours} now={now} />
      )}
      {resolved && (
        <p className="success" role="status">
          Resolved {formatDateTime(incident.resolvedAt ?? 0, now)}. Take a break before the
          post-mortem.
        </p>
      )}
      <PhaseFooter {...footer} />
      {resolving && (
        <ResolveDialog
          startedAt={incident.startedAt}
          onCancel={() => setResolving(false)}
          onResolve={async (resolvedAt) => {
            const ok = await move({ kind: 'resolve', resolvedAt })
            if (ok) setResolving(false)
          }}
        />
      )}
    </div>
  )
}

function ResolveDialog({
  startedAt,
  onResolve,
  onCancel,
}: {
  startedAt: number
  onResolve: (at: number) => Promise<void>
  onCancel: () => void
}) {
  const [initial] = useState(() => toLocalInput(Date.now()))
  const [value, setValue] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  return (
    <Dialog label="Resolve incident" onClose={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          // Left at its default, "now" means this very moment, not the start of the minute.
          const at = value === initial ? Date.now() : fromLocalInput(value)
          if (at === null) return setError('That is not a date and time.')
          if (at > Date.now() + 60_000)
            return setError('The resolution time cannot be in the future.')
          if (at < startedAt) return setError('That is before the incident started.')
          void onResolve(Math.min(at, Date.now()))
        }}
      >
        <h2>Resolve incident</h2>
        <p className="muted">
          When was it resolved? The post-mortem is due within 48 hours of this.
        </p>
        <div className="field">
          <label htmlFor="resolved-at" className="field-label">
            Resolved at
          </label>
          <input
            id="resolved-at"
            type="datetime-local"
            className="input"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" className="button quiet" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Resolve
          </button>
        </div>
      </form>
    </Dialog>
  )
}

/** The monitoring window after the deploy, and how it ended: held, or regressed (back to Mitigate). */
function Monitoring({
  incident,
  monitoringHours,
  now,
}: {
  incident: Incident
  monitoringHours: number
  now: number
}) {
  const [note, setNote] = useState('')
  const [at, setAt] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const deployedAt = incident.fixDeployedAt ?? 0
  if (incident.monitoringResult === 'held')
    return (
      <p className="success" role="status">
        Monitoring ended: the fix held.
      </p>
    )
  const end = (result: MonitoringResult) =>
    void incidentsRepo
      .endMonitoring(incident.id, { result, note, ...(at === null ? {} : { at }) })
      .then(
        () => setError(null),
        (e: Error) => setError(e.message),
      )
  return (
    <section className="card" aria-labelledby="monitoring-title">
      <h3 id="monitoring-title" className="section-title">
        Monitoring
      </h3>
      <p className="info" role="status">
        Monitoring until {formatDateTime(deployedAt + monitoringHours * HOUR, now)} (
        {monitoringHours} hours after the deploy). Then say how it went.
      </p>
      <TextInput
        label="What monitoring showed"
        value={note}
        onChange={setNote}
        maxLength={LIMITS.shortNote}
      />
      <ErrorText message={error} />
      <div className="form-actions">
        <WhenField label="Time of the monitoring result" value={at} onChange={setAt} />
        <button type="button" className="button secondary" onClick={() => end('regressed')}>
          It regressed — back to Mitigate
        </button>
        <button type="button" className="button secondary" onClick={() => end('held')}>
          The fix held
        </button>
      </div>
    </section>
  )
}
