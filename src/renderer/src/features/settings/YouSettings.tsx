import { LIMITS } from '@shared/domain/model'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { useId, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { LimitedText } from '../../components/limited'
import { useSettings } from '../../db/hooks'
import { db } from '../../db/instance'
import { loadSettings, saveSettings } from '../../db/settings-repo'

/** The name recorded with what this person signs (a final post-mortem's revision). */
export function YouSettings() {
  const saved = useSettings() ?? DEFAULT_SETTINGS
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const save = async () => {
    if (draft === null) return
    try {
      const current = await loadSettings(db)
      await saveSettings(db, { ...current, you: { name: draft.trim() } })
      setDraft(null)
      setError(null)
    } catch (e) {
      setError(`${(e as Error).message} Your name was not changed.`)
    }
  }
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Your name
      </label>
      <p className="field-hint" id={`${id}-hint`}>
        Recorded with each post-mortem revision you make final. Stays on this computer.
      </p>
      <LimitedText
        id={id}
        className="input"
        aria-describedby={`${id}-hint`}
        value={draft ?? saved.you.name}
        max={LIMITS.owner}
        onValue={setDraft}
        onBlur={() => void save()}
      />
      <ErrorText message={error} />
    </div>
  )
}
