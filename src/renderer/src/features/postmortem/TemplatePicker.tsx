import {
  TEMPLATES,
  TEMPLATE_LABELS,
  templateOf,
  type PostmortemDoc,
  type TemplateKind,
} from '@shared/domain/postmortem'
import { hasWriting } from '@shared/domain/review'
import { useId } from 'react'

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
  choose: (template: TemplateKind) => void
}) {
  const id = useId()
  const locked = hasWriting(doc)
  return (
    <span className="template-picker">
      <label htmlFor={id}>Template</label>
      <select
        id={id}
        className="input select"
        value={templateOf(doc)}
        disabled={locked}
        aria-describedby={locked ? `${id}-why` : undefined}
        onChange={(e) => choose(e.target.value as TemplateKind)}
      >
        {TEMPLATES.map((t) => (
          <option key={t} value={t}>
            {TEMPLATE_LABELS[t]}
            {t === suggested ? ' (suggested)' : ''}
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
