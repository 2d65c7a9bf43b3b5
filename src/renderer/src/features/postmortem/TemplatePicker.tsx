import {
  TEMPLATES,
  TEMPLATE_LABELS,
  templateOf,
  type PostmortemDoc,
  type TemplateKind,
} from '@shared/domain/postmortem'
import { hasWriting } from '@shared/domain/review'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { useId, useState } from 'react'
import { useSettings } from '../../db/hooks'

/**
 * The template the post-mortem starts from (suggested from the incident). It can be swapped until
 * the user writes in it; after that their words are never thrown away for a new template.
 */
export function TemplatePicker({
  doc,
  suggested,
  choose,
}: {
  doc: PostmortemDoc
  suggested: TemplateKind
  /** A built-in template, or one of the user's (by its id, after "user:"). */
  choose: (template: string) => void
}) {
  const id = useId()
  const locked = hasWriting(doc)
  const mine = (useSettings() ?? DEFAULT_SETTINGS).templates
  // A user template cannot be read back from the document: what was chosen here is remembered.
  const [chosen, setChosen] = useState<string | null>(null)
  return (
    <span className="template-picker">
      <label htmlFor={id}>Template</label>
      <select
        id={id}
        className="input select"
        value={chosen ?? templateOf(doc)}
        disabled={locked}
        aria-describedby={locked ? `${id}-why` : undefined}
        onChange={(e) => {
          setChosen(e.target.value)
          choose(e.target.value)
        }}
      >
        {TEMPLATES.map((t) => (
          <option key={t} value={t}>
            {TEMPLATE_LABELS[t]}
            {t === suggested ? ' (suggested)' : ''}
          </option>
        ))}
        {mine.map((t) => (
          <option key={t.id} value={`user:${t.id}`}>
            {t.name}
          </option>
        ))}
      </select>
      {locked && (
        <span id={`${id}-why`} className="visually-hidden">
          Fixed once you have written in it, so nothing you wrote is lost.
        </span>
      )}
    </span>
  )
}
