import type { Incident, IncidentDetails } from '@shared/domain/model'
import { DETAIL_FIELD_LABELS } from '@shared/domain/vocabulary'
import { useCallback, useEffect, useRef, useState } from 'react'
import { autosave, incidentsRepo } from '../../db/instance'
import { useUi } from '../../stores/ui-store'

const key = (value: unknown) => JSON.stringify(value)
const shown = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''))

/**
 * A field of the incident, edited locally and autosaved. The local value wins while the user edits,
 * so a save landing mid-typing never moves the caret or drops a character.
 *
 * Another window's change to the same field appears here within a second when this window is not
 * editing it. When both changed it, this window's version is saved and the other one is kept as a
 * timeline note, with a notice: never a silent overwrite.
 */
export function useDetailField<K extends keyof IncidentDetails>(
  incident: Incident,
  field: K,
): [IncidentDetails[K], (value: IncidentDetails[K]) => void, () => void] {
  const { id } = incident
  const stored = incident[field]
  const [value, setValue] = useState<IncidentDetails[K]>(
    () => (autosave.pendingFor(id)?.[field] as IncidentDetails[K] | undefined) ?? stored,
  )
  /** The stored value this window's local value started from. */
  const base = useRef(key(stored))
  /** What this window has written lately: their arrival is an echo, not another window's edit. */
  const sent = useRef<string[]>([])
  /** The local value, for the effect below (kept beside the state, which it mirrors). */
  const latest = useRef(value)

  const storedKey = key(stored)
  useEffect(() => {
    const mine = key(latest.current)
    if (storedKey === mine || sent.current.includes(storedKey)) {
      base.current = storedKey
      return
    }
    if (mine === base.current) {
      // Not being edited here: show the other window's change, and make sure no older pending
      // value of this field is written over it.
      base.current = storedKey
      latest.current = stored
      setValue(stored)
      if (autosave.pendingFor(id)?.[field] !== undefined)
        autosave.set(id, { [field]: stored } as Partial<IncidentDetails>)
      return
    }
    // Both windows changed it: this one's version stays (its autosave is pending); theirs is kept.
    base.current = storedKey
    const label = DETAIL_FIELD_LABELS[field]
    void incidentsRepo.addNote(
      id,
      `${label} was also changed in another window at the same time. That version, replaced by this one: “${shown(stored)}”`,
    )
    useUi
      .getState()
      .setNotice(
        `${label} was changed in another window while you edited it here. Yours was kept; the other version is on the timeline as a note.`,
      )
    // `stored` is read through its key: the effect runs when the stored value really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storedKey, id, field])

  const update = useCallback(
    (next: IncidentDetails[K]) => {
      setValue(next)
      latest.current = next
      sent.current = [...sent.current.slice(-19), key(next)]
      autosave.set(id, { [field]: next } as Partial<IncidentDetails>)
    },
    [id, field],
  )
  const flush = useCallback(() => void autosave.flush(id), [id])
  return [value, update, flush]
}
