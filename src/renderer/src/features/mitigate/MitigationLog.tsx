import { LIMITS } from '@shared/domain/model'
import type { Incident, MitigationAction, MitigationOutcome } from '@shared/domain/model'
import { OUTCOME_LABELS, choicesOf, lower } from '@shared/domain/vocabulary'
import { spansDays } from '@shared/domain/timeline'
import { useState } from 'react'
import { measured } from '../../platform/perf'
import { EditorActions, useEditorRun } from '../../components/EditorActions'
import { ErrorText } from '../../components/ErrorText'
import { ChoiceGroup, TextInput } from '../../components/fields'
import { focusFirstField } from '../../components/focus'
import { formatTime, shownDay } from '../../components/format'
import { WhenField } from '../../components/TimePicker'
import { incidentsRepo } from '../../db/instance'

export const QUICK_MITIGATIONS = [
  'Roll back the deploy',
  'Disable the feature flag',
  'Restart the service',
  'Scale up',
  'Redirect traffic',
]

const OUTCOMES = choicesOf(OUTCOME_LABELS)

/** One attempt at a time: what you do, what you expect, what happened, and when. */
export function MitigationForm({ incident }: { incident: Incident }) {
  const [action, setAction] = useState('')
  const [expected, setExpected] = useState('')
  const [observed, setObserved] = useState('')
  const [outcome, setOutcome] = useState<MitigationOutcome | null>(null)
  const [at, setAt] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const tried = new Set(incident.mitigations.map((m) => m.action))
  const submit = async (form: HTMLFormElement): Promise<void> => {
    if (!action.trim()) {
      focusFirstField(form)
      return setError('Say what you did or are about to do.')
    }
    try {
      await measured('log-mitigation', () =>
        incidentsRepo.logMitigation(incident.id, {
          action: action.trim(),
          expected,
          observed,
          outcome,
          ...(at === null ? {} : { at }),
        }),
      )
      setAction('')
      setExpected('')
      setObserved('')
      setOutcome(null)
      setAt(null)
      setError(null)
      // Ready for the next attempt, where the user is looking.
      focusFirstField(form)
    } catch (e) {
      setError(`${(e as Error).message} What you typed is still here.`)
    }
  }
  return (
    <form
      className="card"
      aria-label="Log a mitigation attempt"
      onSubmit={(e) => {
        e.preventDefault()
        void submit(e.currentTarget)
      }}
    >
      <div className="quick-picks" role="group" aria-label="Common mitigations">
        {QUICK_MITIGATIONS.map((pick) => (
          <button
            key={pick}
            type="button"
            className="pill"
            data-tried={tried.has(pick) || undefined}
            onClick={() => setAction(pick)}
          >
            {pick}
          </button>
        ))}
      </div>
      <TextInput label="Action" value={action} onChange={setAction} maxLength={LIMITS.shortNote} />
      <TextInput label="What you expect" value={expected} onChange={setExpected} />
      <TextInput label="What you observed" value={observed} onChange={setObserved} />
      <ChoiceGroup legend="Outcome" options={OUTCOMES} value={outcome} onChange={setOutcome} />
      <ErrorText message={error} />
      <div className="form-actions">
        <WhenField label="Time of this attempt" value={at} onChange={setAt} />
        <button type="submit" className="button secondary">
          Log this attempt
        </button>
      </div>
    </form>
  )
}

export function MitigationList({ incident }: { incident: Incident }) {
  if (!incident.mitigations.length) return null
  const ordered = [...incident.mitigations].sort((a, b) => a.at - b.at)
  const last = ordered.at(-1)
  const withDates = spansDays(ordered, shownDay)
  const untried = QUICK_MITIGATIONS.filter((q) => !incident.mitigations.some((m) => m.action === q))
  return (
    <section aria-label="Mitigation log" className="log">
      <h3 className="section-title">Mitigation log</h3>
      <ol className="log-list">
        {ordered.map((m) => (
          <Attempt key={m.id} incidentId={incident.id} attempt={m} withDates={withDates} />
        ))}
      </ol>
      {last?.outcome === 'failed' && !incident.mitigatedAt && (
        <p className="nudge" role="status">
          That didn't work. Try the next option{untried[0] ? `: ${untried[0].toLowerCase()}?` : '.'}
        </p>
      )}
    </section>
  )
}

/** One logged attempt: its outcome is often known only later, so it can be edited here. */
function Attempt({
  incidentId,
  attempt: m,
  withDates,
}: {
  incidentId: string
  attempt: MitigationAction
  withDates: boolean
}) {
  const [editing, setEditing] = useState(false)
  return (
    <li className="log-item">
      <span className="log-time">{formatTime(m.at, withDates)}</span>
      <span className="log-text">
        <strong>{m.action}</strong>
        {m.outcome ? (
          <span className={`outcome outcome-${m.outcome}`}>
            {' '}
            — {lower(OUTCOME_LABELS[m.outcome])}
          </span>
        ) : (
          <span className="muted"> — outcome not known yet</span>
        )}
        {(m.expected || m.observed) && (
          <span className="muted log-detail">
            {m.expected && `Expected: ${m.expected}. `}
            {m.observed && `Observed: ${m.observed}.`}
          </span>
        )}
        <button
          type="button"
          className="link-button small"
          aria-expanded={editing}
          aria-label={`Edit attempt: ${m.action}`}
          onClick={() => setEditing(!editing)}
        >
          Edit
        </button>
        {editing && (
          <AttemptEditor incidentId={incidentId} attempt={m} onDone={() => setEditing(false)} />
        )}
      </span>
    </li>
  )
}

function AttemptEditor({
  incidentId,
  attempt,
  onDone,
}: {
  incidentId: string
  attempt: MitigationAction
  onDone: () => void
}) {
  const [action, setAction] = useState(attempt.action)
  const [expected, setExpected] = useState(attempt.expected)
  const [observed, setObserved] = useState(attempt.observed)
  const [outcome, setOutcome] = useState(attempt.outcome)
  const { error, run } = useEditorRun(onDone)
  return (
    <form
      className="card attempt-editor"
      aria-label={`Edit attempt: ${attempt.action}`}
      onSubmit={(e) => {
        e.preventDefault()
        run(
          incidentsRepo.editMitigation(incidentId, attempt.id, {
            action,
            expected,
            observed,
            outcome,
          }),
        )
      }}
    >
      <TextInput label="Action" value={action} onChange={setAction} maxLength={LIMITS.shortNote} />
      <TextInput label="What you expect" value={expected} onChange={setExpected} />
      <TextInput label="What you observed" value={observed} onChange={setObserved} />
      <ChoiceGroup legend="Outcome" options={OUTCOMES} value={outcome} onChange={setOutcome} />
      <p className="field-hint">To change when it happened, use the timeline (Change).</p>
      <ErrorText message={error} />
      <EditorActions
        noun="attempt"
        onDelete={() => run(incidentsRepo.deleteItem(incidentId, attempt.id))}
        onCancel={onDone}
      />
    </form>
  )
}
