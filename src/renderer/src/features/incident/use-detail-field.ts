import type { Incident, IncidentDetails } from '@shared/domain/model'
import { useCallback, useState } from 'react'
import { autosave } from '../../db/instance'

/**
 * A field of the incident, edited locally and autosaved. The local value wins while the screen is
 * open, so a save landing mid-typing never moves the caret or drops a character.
 */
export function useDetailField<K extends keyof IncidentDetails>(
  incident: Incident,
  field: K,
): [IncidentDetails[K], (value: IncidentDetails[K]) => void, () => void] {
  const [value, setValue] = useState<IncidentDetails[K]>(
    () =>
      (autosave.pendingFor(incident.id)?.[field] as IncidentDetails[K] | undefined) ??
      incident[field],
  )
  const { id } = incident
  const update = useCallback(
    (next: IncidentDetails[K]) => {
      setValue(next)
      autosave.set(id, { [field]: next } as Partial<IncidentDetails>)
    },
    [id, field],
  )
  const flush = useCallback(() => void autosave.flush(id), [id])
  return [value, update, flush]
}
