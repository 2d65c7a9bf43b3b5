import { LIMITS } from '@shared/domain/model'
import { SimilarIncidents } from '../incident/SimilarIncidents'
import { RECENT_CHANGES, type Incident } from '@shared/domain/model'
import { RECENT_CHANGE_LABELS } from '@shared/domain/vocabulary'
import { useMemo } from 'react'
import type { Command } from '../../commands/command'
import { useRegisterCommands } from '../../commands/screen-commands'
import { ChoiceGroup, TextInput } from '../../components/fields'
import { LimitedText } from '../../components/limited'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { SCOPES, STRATEGIES } from '../phase/labels'
import { useDetailField } from '../phase/use-detail-field'
import { usePhaseCommands } from '../phase/use-phase-commands'
import { RecentCommits } from './RecentCommits'
import { ServicesAndTags } from './ServicesAndTags'
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
  // Keys 1–5 choose the strategy (not while typing in a field).
  const strategyKeys = useMemo<Command[]>(
    () =>
      STRATEGIES.map((choice, index) => ({
        id: `triage.strategy.${choice.value}`,
        label: `Strategy: ${choice.label}`,
        keywords: 'response choose',
        group: 'screen',
        shortcut: { key: String(index + 1) },
        run: () => setStrategy(choice.value),
      })),
    [setStrategy],
  )
  useRegisterCommands(strategyKeys)
  const changed = RECENT_CHANGES.filter((key) => changes[key].checked || changes[key].note)
  return (
    <div className="phase">
      <PhaseIntro
        goal="How bad is it, and who is affected?"
        rule="Fast and decisive: you can reclassify later."
        why="Ten minutes to classify and choose a direction. The severity sets the pace; the strategy is the first thing you will try."
      />
      <SeverityPicker incident={incident} />
      <ChoiceGroup
        field="scope"
        legend="Scope"
        options={SCOPES}
        value={scope}
        onChange={setScope}
      />
      <TextInput label="Scope notes" value={scopeNote} onChange={setScopeNote} onBlur={flush} />
      <ServicesAndTags incident={incident} />
      <details className="helper" open={changed.length > 0 || undefined}>
        <summary>
          What changed recently?
          {changed.length > 0 && (
            <span className="muted">
              {' '}
              ({changed.map((key) => RECENT_CHANGE_LABELS[key].toLowerCase()).join(', ')})
            </span>
          )}
        </summary>
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
              <LimitedText
                className="input input-inline"
                aria-label={`${RECENT_CHANGE_LABELS[key]}: notes`}
                placeholder="What, when"
                value={changes[key].note}
                max={LIMITS.shortNote}
                onValue={(note) => setChanges({ ...changes, [key]: { ...changes[key], note } })}
                onBlur={flush}
              />
            </div>
          ))}
        </div>
        <RecentCommits incident={incident} />
      </details>
      <ChoiceGroup
        legend="Response strategy"
        hint="Keys 1–5 choose."
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
      <SimilarIncidents incident={incident} />
      <PhaseFooter {...footer} />
    </div>
  )
}
