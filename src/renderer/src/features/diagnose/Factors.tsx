/**
 * Contributing factors, not one root cause: each a category (the user's own list, in Settings) and
 * a sentence. Saved when a field is left, a row added or removed; the list reaches the post-mortem
 * and its export with the categories.
 */
import { LIMITS, type Factor, type Incident } from '@shared/domain/model'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { Trash2 } from 'lucide-react'
import { useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { LimitedText } from '../../components/limited'
import { useSettings } from '../../db/hooks'
import { incidentsRepo } from '../../db/instance'

let counter = 0
const newId = () => `f${Date.now().toString(36)}${(counter++).toString(36)}`

export function Factors({ incident }: { incident: Incident }) {
  const categories = (useSettings() ?? DEFAULT_SETTINGS).factorCategories
  const saved = incident.factors ?? []
  // Rows being edited here; the stored list is shown again after each save.
  const [rows, setRows] = useState<Factor[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** The row just added: its sentence takes the focus as it appears, before the next key. */
  const [added, setAdded] = useState<string | null>(null)
  const shown = rows ?? saved
  const save = (next: Factor[]) =>
    incidentsRepo.setFactors(incident.id, next).then(
      () => {
        setError(null)
        // The stored list is shown again only when nothing here is newer than what was saved:
        // not a row added but not yet written, not words typed while the save was on its way.
        setRows((current) =>
          current === null ||
          (JSON.stringify(current) === JSON.stringify(next) && next.every((f) => f.text.trim()))
            ? null
            : current,
        )
      },
      (e: Error) => setError(`${e.message} What you typed is still here.`),
    )
  const change = (index: number, patch: Partial<Factor>) =>
    setRows(shown.map((f, i) => (i === index ? { ...f, ...patch } : f)))
  const options = (current: string) =>
    categories.includes(current) || !current ? categories : [...categories, current]
  return (
    <fieldset className="field factors" data-field="factors">
      <legend className="field-label">Contributing factors by category</legend>
      <p className="field-hint">
        What made it possible or worse, without blame: a change, a capacity limit, a missing alert,
        a step nobody knew. The categories are yours to edit in Settings.
      </p>
      {shown.length > 0 && (
        <ul className="factor-list">
          {shown.map((f, i) => (
            <li key={f.id} className="factor-row">
              <select
                className="input select"
                aria-label={`Category of factor ${i + 1}`}
                value={f.category}
                onChange={(e) => {
                  const next = shown.map((x, j) =>
                    j === i ? { ...x, category: e.target.value } : x,
                  )
                  setRows(next)
                  void save(next)
                }}
              >
                {options(f.category).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <LimitedText
                className="input"
                aria-label={`Factor ${i + 1}`}
                placeholder="One sentence: what contributed"
                autoFocus={f.id === added}
                value={f.text}
                max={LIMITS.shortNote}
                onValue={(text) => change(i, { text })}
                onBlur={() => void save(shown)}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove factor ${i + 1}`}
                title="Remove"
                onClick={() => void save(shown.filter((_, j) => j !== i))}
              >
                <Trash2 size={15} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button secondary small"
        onClick={() => {
          const id = newId()
          setRows([...shown, { id, category: categories[0] ?? 'Other', text: '' }])
          setAdded(id)
        }}
      >
        Add a factor
      </button>
      <ErrorText message={error} />
    </fieldset>
  )
}
