import { LIMITS } from '@shared/domain/model'
import { RECENT_CHANGES, type Incident } from '@shared/domain/model'
import { RECENT_CHANGE_LABELS } from '@shared/domain/vocabulary'
import { ChoiceGroup, TextInput } from '../../components/fields'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { SCOPES, STRATEGIES } from '../phase/labels'
import { useDetailField } from '../phase/use-detail-field'
import { usePhaseCommands } from '../phase/use-phase-commands'
import { SeverityPicker } from './SeverityPicker'

export function TriageScreen({ incident }: { incident: Incident }) {
  const [scope, setScope] = useDetailField(incident, 'scope')
  const [scopeNote, setScopeNote, flush] = useDetailField(incident, 'scopeNote')
  const [changes, setChanges] = useDetailField(incident, 'recentChanges')
  const [strategy, setStrategy] = useDetailField(incident, 'strategy')
  const [strategyNote, setStrategyNote] = useDetailField(incident, 'strategyNote')
  const { footer } = usePhaseCommands(incident, {
    label: 'Start mitigating',
    move: { kind: 'go-to', to: 'mitigate' },
  })
  return (
    <div className="phase">
      <PhaseIntro
        goal="How bad is it, and who is affected?"
        rule="Fast and decisive: you can reclassify later."
        why="Ten minutes to classify and choose a direction. The severity sets the pace; the strategy is the first thing you will try."
      />
      <SeverityPicker incident={incident} />
      <ChoiceGroup legend="Scope" options={SCOPES} value={scope} onChange={setScope} />
      <TextInput label="Scope notes" value={scopeNote} onChange={setScopeNote} onBlur={flush} />
      <fieldset className="field">
        <legend className="field-label">What changed recently?</legend>
        <div className="checklist">
          {RECENT_CHANGES.map((key) => (
            <div key={key} className="checklist-row">
              <label className="check">
                <input
                  type="checkbox"
                  checked={changes[key].checked}
                  onChange={(e) =>
                    setChanges({
                      ...changes,
                      [key]: { ...changes[key], checked: e.target.checked },
                    })
                  }
                />
                {RECENT_CHANGE_LABELS[key]}
              </label>
              <input
                className="input input-inline"
                aria-label={`${RECENT_CHANGE_LABELS[key]}: notes`}
                placeholder="What, when"
                value={changes[key].note}
                maxLength={LIMITS.shortNote}
                onChange={(e) =>
                  setChanges({ ...changes, [key]: { ...changes[key], note: e.target.value } })
                }
                onBlur={flush}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <ChoiceGroup
        legend="Response strategy"
        field="strategy"
        layout="cards"
        options={STRATEGIES}
        value={strategy}
        onChange={setStrategy}
      />
      <TextInput
        label="Strategy notes"
        value={strategyNote}
        onChange={setStrategyNote}
        onBlur={flush}
      />
      <PhaseFooter {...footer} />
    </div>
  )
}
