import type { Incident, MitigationOutcome } from '@shared/domain/model'
import { useState } from 'react'
import { ChoiceGroup, TextInput } from '../../components/fields'
import { formatTime } from '../../components/format'
import { measured } from '../../app/perf'
import { incidentsRepo } from '../../db/instance'
import { ErrorText } from '../../components/ErrorText'

export const QUICK_MITIGATIONS = [
  'Roll back the deploy',
  'Disable the feature flag',
  'Restart the service',
  'Scale up',
  'Redirect traffic',
]

const OUTCOMES = [
  { value: 'worked' as const, label: 'Worked' },
  { value: 'partial' as const, label: 'Partly' },
  { value: 'failed' as const, label: 'Failed' },
]

/** One attempt at a time: what you do, what you expect, what happened. */
export function MitigationForm({ incident }: { incident: Incident }) {
  const [action, setAction] = useState('')
  const [expected, setExpected] = useState('')
  const [observed, setObserved] = useState('')
  const [outcome, setOutcome] = useState<MitigationOutcome | null>(null)
  const [error, setError] = useState<string | null>(null)
  const tried = new Set(incident.mitigations.map((m) => m.action))
  const submit = async (): Promise<void> => {
    if (!action.trim()) return setError('Say what you did or are about to do.')
    try {
      await measured('log-mitigation', () =>
        incidentsRepo.logMitigation(incident.id, {
          action: action.trim(),
          expected,
          observed,
          outcome,
        }),
      )
      setAction('')
      setExpected('')
      setObserved('')
      setOutcome(null)
      setError(null)
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
        void submit()
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
      <TextInput label="Action" value={action} onChange={setAction} maxLength={2000} />
      <TextInput label="What you expect" value={expected} onChange={setExpected} />
      <TextInput label="What you observed" value={observed} onChange={setObserved} />
      <ChoiceGroup legend="Outcome" options={OUTCOMES} value={outcome} onChange={setOutcome} />
      <ErrorText message={error} />
      <div className="form-actions">
        <button type="submit" className="button secondary">
          Log this attempt
        </button>
      </div>
    </form>
  )
}

const OUTCOME_TEXT: Record<MitigationOutcome, string> = {
  worked: 'worked',
  partial: 'partly worked',
  failed: 'failed',
}

export function MitigationList({ incident }: { incident: Incident }) {
  if (!incident.mitigations.length) return null
  const last = incident.mitigations.at(-1)
  const untried = QUICK_MITIGATIONS.filter((q) => !incident.mitigations.some((m) => m.action === q))
  return (
    <section aria-label="Mitigation log" className="log">
      <h3 className="section-title">Mitigation log</h3>
      <ol className="log-list">
        {incident.mitigations.map((m) => (
          <li key={m.id} className="log-item">
            <span className="log-time">{formatTime(m.at, false)}</span>
            <span className="log-text">
              <strong>{m.action}</strong>
              {m.outcome && (
                <span className={`outcome outcome-${m.outcome}`}> — {OUTCOME_TEXT[m.outcome]}</span>
              )}
              {(m.expected || m.observed) && (
                <span className="muted log-detail">
                  {m.expected && `Expected: ${m.expected}. `}
                  {m.observed && `Observed: ${m.observed}.`}
                </span>
              )}
            </span>
          </li>
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
