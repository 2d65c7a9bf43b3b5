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
        if (ms === value) return
        // Just after the incident was opened the events may not have arrived here yet: a pick
        // made then must still land, so the event is looked up in the database.
        const target =
          event ?? (await incidentsRepo.events(incident.id)).find((e) => e.kind === kind)
        if (target) await incidentsRepo.correctTime(incident.id, target.id, ms)
      }}
    />
  )
}
