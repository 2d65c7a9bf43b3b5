import { SEVERITIES, type Incident, type Severity } from '@shared/domain/model'
import {
  DEFAULT_SEVERITY_DEFINITIONS,
  suggestSeverity,
  type SeverityAnswers,
} from '@shared/domain/severity'
import { useState } from 'react'
import { ChoiceGroup } from '../../components/fields'
import { WhenField } from '../../components/TimePicker'
import { SeverityBadge } from '../../components/SeverityBadge'
import { incidentsRepo } from '../../db/instance'
import { useSettings } from '../../db/hooks'

/** Severity with its definitions, and the three-question helper that suggests one. */
export function SeverityPicker({ incident }: { incident: Incident }) {
  const definitions = useSettings()?.severityDefinitions ?? DEFAULT_SEVERITY_DEFINITIONS
  const current = incident.severity
  const [at, setAt] = useState<number | null>(null)
  const choose = (severity: Severity) =>
    void incidentsRepo
      .changeSeverity(incident.id, severity, undefined, at ?? undefined)
      .then(() => setAt(null))
  return (
    <>
      <div className="when-row">
        <span className="muted small">Classified at</span>
        <WhenField label="Time of the severity change" value={at} onChange={setAt} />
      </div>
      <ChoiceGroup
        legend="Severity"
        field="severity"
        layout="cards"
        options={SEVERITIES.map((s) => ({
          value: s,
          label: s,
          description: definitions[s],
        }))}
        value={current}
        onChange={choose}
      />
      <SeverityHelper onUse={choose} current={current} />
    </>
  )
}

type Answer<K extends keyof SeverityAnswers> = SeverityAnswers[K] | null

function SeverityHelper({
  onUse,
  current,
}: {
  onUse: (s: Severity) => void
  current: Severity | null
}) {
  const [affected, setAffected] = useState<Answer<'affected'>>(null)
  const [risk, setRisk] = useState<'yes' | 'no' | null>(null)
  const [workaround, setWorkaround] = useState<'yes' | 'no' | null>(null)
  const yesNo = [
    { value: 'yes' as const, label: 'Yes' },
    { value: 'no' as const, label: 'No' },
  ]
  const suggestion =
    affected && risk && workaround
      ? suggestSeverity({
          affected,
          dataOrSecurityRisk: risk === 'yes',
          workaround: workaround === 'yes',
        })
      : null
  return (
    <details className="helper">
      <summary>Not sure? Answer three questions</summary>
      <div className="helper-body">
        <ChoiceGroup
          legend="Who is affected?"
          options={[
            { value: 'all', label: 'Everyone, or nearly' },
            { value: 'some', label: 'Some users' },
            { value: 'few', label: 'A few, or internal only' },
          ]}
          value={affected}
          onChange={setAffected}
        />
        <ChoiceGroup
          legend="Is data or security at risk?"
          options={yesNo}
          value={risk}
          onChange={setRisk}
        />
        <ChoiceGroup
          legend="Is there a workaround?"
          options={yesNo}
          value={workaround}
          onChange={setWorkaround}
        />
        {suggestion && (
          <p className="suggestion" role="status">
            Suggested: <SeverityBadge severity={suggestion} />
            <button
              type="button"
              className="button secondary"
              disabled={current === suggestion}
              onClick={() => onUse(suggestion)}
            >
              {current === suggestion ? `${suggestion} chosen` : `Use ${suggestion}`}
            </button>
          </p>
        )}
      </div>
    </details>
  )
}
