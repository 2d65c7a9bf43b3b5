import { LIMITS, type Incident } from '@shared/domain/model'
import { DuplicateWarning, SimilarIncidents } from '../incident/SimilarIncidents'
import { ChipsInput, ChoiceGroup, TextInput } from '../../components/fields'
import { EventTimeField } from '../phase/EventTimeField'
import { DETECTION_SOURCES } from '../phase/labels'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { usePhaseCommands } from '../phase/use-phase-commands'
import { useDetailField } from '../phase/use-detail-field'

export function CaptureScreen({ incident }: { incident: Incident }) {
  const [symptoms, setSymptoms, flush] = useDetailField(incident, 'symptoms')
  const [title, setTitle] = useDetailField(incident, 'title')
  const [source, setSource] = useDetailField(incident, 'detectionSource')
  const [detectionNote, setDetectionNote] = useDetailField(incident, 'detectionNote')
  const [errors, setErrors] = useDetailField(incident, 'errorMessages')
  const [codes, setCodes] = useDetailField(incident, 'statusCodes')
  const [endpoints, setEndpoints] = useDetailField(incident, 'endpoints')
  const { footer } = usePhaseCommands(incident, {
    label: 'Move to triage',
    move: { kind: 'go-to', to: 'triage' },
  })
  return (
    <div className="phase">
      <PhaseIntro
        goal="Capture what you see."
        rule="Don't research yet — just capture what you see."
        why="Five minutes to start the record. Writing it down first slows the panic and gives you a timeline to reason with later."
      />
      <DuplicateWarning incident={incident} />
      <TextInput
        label="What is happening?"
        field="symptoms"
        multiline
        rows={4}
        autoFocus
        value={symptoms}
        onChange={setSymptoms}
        onBlur={flush}
        placeholder="Checkout returns 502 for EU users since about 14:00"
      />
      <TextInput
        label="Title"
        hint="A few words for the list. Left empty, the first line above is used."
        value={title}
        onChange={setTitle}
        onBlur={flush}
        maxLength={LIMITS.title}
      />
      <EventTimeField
        incident={incident}
        kind="impact-started"
        label="When did it start?"
        hint="When users were first affected, as best you know."
      />
      <EventTimeField
        incident={incident}
        kind="detected"
        label="When did you notice?"
        hint="When the alert fired or someone noticed, not when this record was opened."
      />
      <ChoiceGroup
        legend="How did you find out?"
        options={DETECTION_SOURCES}
        value={source}
        onChange={setSource}
      />
      <TextInput
        label="How exactly?"
        hint="The alert's name, who reported it, the log line."
        value={detectionNote}
        onChange={setDetectionNote}
        onBlur={flush}
        maxLength={LIMITS.shortNote}
      />
      <TextInput
        label="Error messages"
        multiline
        mono
        value={errors}
        onChange={setErrors}
        onBlur={flush}
        placeholder="Paste what the logs or the page say"
      />
      <ChipsInput
        label="Status codes"
        values={codes}
        onChange={setCodes}
        placeholder="502, then Enter"
        maxLength={LIMITS.statusCode}
      />
      <ChipsInput
        label="Affected endpoints"
        values={endpoints}
        onChange={setEndpoints}
        placeholder="POST /api/checkout, then Enter"
        maxLength={LIMITS.endpoint}
      />
      <SimilarIncidents incident={incident} />
      <PhaseFooter {...footer} />
    </div>
  )
}
