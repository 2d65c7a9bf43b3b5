import type { Incident, RootCause } from '@shared/domain/model'
import { SimilarIncidents } from '../incident/SimilarIncidents'
import { TextInput } from '../../components/fields'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { useDetailField } from '../phase/use-detail-field'
import { usePhaseCommands } from '../phase/use-phase-commands'
import { CompactTimeline } from '../timeline/TimelinePanel'
import { useTimelineShown } from '../timeline/use-timeline-shown'
import { Factors } from './Factors'
import { Hypotheses } from './Hypotheses'

const CHAIN = [
  ['trigger', 'Trigger'],
  ['mechanism', 'Mechanism'],
  ['impact', 'Impact'],
] as const

export function DiagnoseScreen({ incident }: { incident: Incident }) {
  const [rootCause, setRootCause, flush] = useDetailField(incident, 'rootCause')
  const set = (key: keyof RootCause) => (value: string) =>
    setRootCause({ ...rootCause, [key]: value })
  const timelineShown = useTimelineShown()
  const { footer } = usePhaseCommands(incident, {
    label: 'Move to fix',
    move: { kind: 'go-to', to: 'fix' },
  })
  return (
    <div className="phase">
      <PhaseIntro
        goal="Find the root cause."
        rule="Users are safe now: take the time to understand."
        why="Hours if needed. Review what changed when, form hypotheses, and test them one at a time. Write down the ones you rule out too."
      />
      {/* The story so far, read here only when the timeline is not already beside the work. */}
      {!timelineShown && (
        <section aria-labelledby="so-far-title" className="section">
          <h3 id="so-far-title" className="section-title">
            The timeline so far
          </h3>
          <CompactTimeline incidentId={incident.id} />
        </section>
      )}
      <Hypotheses incident={incident} />
      <section aria-labelledby="chain-title" className="section">
        <h3 id="chain-title" className="section-title">
          The chain of events
        </h3>
        <div className="chain">
          {CHAIN.map(([key, label]) => (
            <TextInput
              key={key}
              field={`rootCause.${key}`}
              label={label}
              multiline
              rows={2}
              value={rootCause[key]}
              onChange={set(key)}
              onBlur={flush}
            />
          ))}
        </div>
        <TextInput
          label="Root cause"
          multiline
          value={rootCause.summary}
          onChange={set('summary')}
          onBlur={flush}
        />
        <Factors incident={incident} />
        <TextInput
          field="rootCause.contributingFactors"
          label="Contributing factors, in your words"
          multiline
          value={rootCause.contributingFactors}
          onChange={set('contributingFactors')}
          onBlur={flush}
        />
      </section>
      <SimilarIncidents incident={incident} />
      <PhaseFooter {...footer} />
    </div>
  )
}
