import { FIX_STEPS, type Incident } from '@shared/domain/model'
import { HOUR } from '@shared/domain/time'
import { useState } from 'react'
import { Dialog } from '../../app/Dialog'
import { formatDateTime, fromLocalInput, toLocalInput } from '../../components/format'
import { incidentsRepo } from '../../db/instance'
import { useNow } from '../../components/use-now'
import { useSettings } from '../../db/hooks'
import { PhaseFooter } from '../incident/PhaseFooter'
import { PhaseIntro } from '../incident/PhaseIntro'
import { useDetailField } from '../incident/use-detail-field'
import { usePhaseCommands } from '../incident/use-phase-commands'
import { ErrorText } from '../../components/ErrorText'

const STEP_LABELS: Record<(typeof FIX_STEPS)[number], string> = {
  fixWritten: 'Fix written (the real fix, not a workaround)',
  regressionTest: 'Regression test that would have caught this',
  testedLocally: 'Tested locally',
  testedStaging: 'Tested in staging',
  deployed: 'Deployed',
  mitigationRemoved: 'Mitigation removed',
  verified: 'Verified: everything works',
}

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
  const toggle = (step: (typeof FIX_STEPS)[number], checked: boolean): void => {
    setChecklist({ ...checklist, [step]: checked })
    if (step === 'deployed' && checked && incident.fixDeployedAt === null)
      void incidentsRepo.deployFix(incident.id)
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
              {STEP_LABELS[step]}
              {step === 'deployed' && incident.fixDeployedAt !== null && (
                <span className="muted"> · {formatDateTime(incident.fixDeployedAt, now)}</span>
              )}
            </label>
          ))}
        </div>
      </fieldset>
      {incident.fixDeployedAt !== null && (
        <p className="info" role="status">
          Monitoring until {formatDateTime(incident.fixDeployedAt + monitoringHours * HOUR, now)} (
          {monitoringHours} hours after the deploy).
        </p>
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
