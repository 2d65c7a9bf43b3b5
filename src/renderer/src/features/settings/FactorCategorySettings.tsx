import { LIMITS } from '@shared/domain/model'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { useId, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { LimitedText } from '../../components/limited'
import { useSettings } from '../../db/hooks'
import { db } from '../../db/instance'
import { loadSettings, saveSettings } from '../../db/settings-repo'

/** The categories contributing factors are filed under, one per line. */
export function FactorCategorySettings() {
  const saved = (useSettings() ?? DEFAULT_SETTINGS).factorCategories
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const save = async () => {
    if (draft === null) return
    const categories = [
      ...new Set(
        draft
          .split('\n')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ]
    const tooLong = categories.find((c) => c.length > LIMITS.factorCategory)
    if (!categories.length) return setError('Keep at least one category. Nothing was changed.')
    if (tooLong)
      return setError(
        `"${tooLong.slice(0, 30)}…" is longer than ${LIMITS.factorCategory} characters. Nothing was changed.`,
      )
    try {
      await saveSettings(db, { ...(await loadSettings(db)), factorCategories: categories })
      setDraft(null)
      setError(null)
    } catch (e) {
      setError(`${(e as Error).message} Nothing was changed.`)
    }
  }
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Categories of contributing factors
      </label>
      <p className="field-hint" id={`${id}-hint`}>
        One per line. Factors already filed keep their category.
      </p>
      <LimitedText
        id={id}
        multiline
        rows={5}
        className="input"
        aria-describedby={`${id}-hint`}
        value={draft ?? saved.join('\n')}
        max={40 * (LIMITS.factorCategory + 1)}
        onValue={setDraft}
        onBlur={() => void save()}
      />
      <ErrorText message={error} />
    </div>
  )
}
