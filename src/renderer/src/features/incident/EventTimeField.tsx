import type { Incident } from '@shared/domain/model'
import { TimePicker } from '../../components/TimePicker'
import { incidentsRepo } from '../../db/instance'
import { useIncidentEvents } from '../../db/hooks'

/** Edits when impact started or when it was detected: a correction of that event's time. */
export function EventTimeField({
  incident,
  kind,
  label,
  hint,
}: {
  incident: Incident
  kind: 'impact-started' | 'detected'
  label: string
  hint?: string
}) {
  const events = useIncidentEvents(incident.id)
  const event = events?.find((e) => e.kind === kind)
  const value = kind === 'impact-started' ? incident.startedAt : incident.detectedAt
  return (
    <TimePicker
      label={label}
      hint={hint}
      value={value}
      onChange={async (ms) => {
        if (event && ms !== value) await incidentsRepo.correctTime(incident.id, event.id, ms)
      }}
    />
  )
}
