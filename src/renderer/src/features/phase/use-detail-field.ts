import type { Incident, IncidentDetails } from '@shared/domain/model'
import { DETAIL_FIELD_LABELS } from '@shared/domain/vocabulary'
import { useCallback, useEffect, useRef, useState } from 'react'
import { autosave, incidentsRepo } from '../../db/instance'
import { useUi } from '../../stores/ui-store'

const key = (value: unknown) => JSON.stringify(value)
/** A field's value as words: a list joined, a group of texts (the root cause) one after another. */
const shown = (value: unknown): string => {
  if (Array.isArray(value)) return value.join(', ')
  if (value && typeof value === 'object')
    return Object.values(value)
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .join(' / ')
  return String(value ?? '')
}

/** Values sent and not yet echoed, at most: thousands of keystrokes without a write landing. */
const SENT_KEPT = 5000

/** Typing this recently counts as editing, even when everything typed is already saved. */
const EDITING_MS = 5000

/**
 * A field of the incident, edited locally and autosaved. The local value wins while the user edits,
 * so a save landing mid-typing never moves the caret or drops a character.
 *
 * Another window's change to the same field appears here within a second. The database is the
 * truth both windows show: when this window was editing the field too, its own version is kept as
 * a timeline note and a notice says so, before the other window's is shown. Never a silent
 * overwrite, and never two windows writing their versions back and forth.
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
  /**
   * What this window has sent and not yet seen come back, oldest first: their arrival is an echo,
   * not another window's edit, however far the writes lag behind the typing (a busy database can
   * take seconds; counting only the last few values made a late echo look like another window's
   * edit and threw away what was typed since).
   */
  const sent = useRef<string[]>([])
  const lastEdit = useRef(0)
  /** The local value, for the effect below (kept beside the state, which it mirrors). */
  const latest = useRef(value)

  const storedKey = key(stored)
  useEffect(() => {
    const mine = key(latest.current)
    const echo = sent.current.indexOf(storedKey)
    if (storedKey === mine || echo >= 0) {
      base.current = storedKey
      // Writes land in order: what was sent before this one can no longer arrive. (The first
      // match: a value typed twice, "a" → "ab" → "a", may come back for the first time.)
      sent.current = sent.current.slice(echo + 1)
      return
    }
    const editing = mine !== base.current || Date.now() - lastEdit.current < EDITING_MS
    if (editing) {
      const label = DETAIL_FIELD_LABELS[field]
      void incidentsRepo.addNote(
        id,
        `${label} was changed in two windows at once. This version was replaced by the other: “${shown(latest.current)}”`,
      )
      useUi
        .getState()
        .setNotice(
          `${label} was changed in another window while you edited it here. Theirs is shown now; yours is on the timeline as a note.`,
        )
    }
    base.current = storedKey
    latest.current = stored
    sent.current = []
    lastEdit.current = 0
    setValue(stored)
    // A pending older value of this field must not be written over it.
    if (autosave.pendingFor(id)?.[field] !== undefined)
      autosave.set(id, { [field]: stored } as Partial<IncidentDetails>)
    // `stored` is read through its key: the effect runs when the stored value really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storedKey, id, field])

  const update = useCallback(
    (next: IncidentDetails[K]) => {
      setValue(next)
      latest.current = next
      lastEdit.current = Date.now()
      sent.current = [...sent.current.slice(-(SENT_KEPT - 1)), key(next)]
      autosave.set(id, { [field]: next } as Partial<IncidentDetails>)
    },
    [id, field],
  )
  const flush = useCallback(() => void autosave.flush(id), [id])
  return [value, update, flush]
}
