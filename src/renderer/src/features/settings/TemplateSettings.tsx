import { LIMITS } from '@shared/domain/model'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { formatCount } from '@shared/domain/time'
import { Trash2 } from 'lucide-react'
import { useRef, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { useSettings } from '../../db/hooks'
import { db } from '../../db/instance'
import { loadSettings, saveSettings } from '../../db/settings-repo'

/** The placeholders a template may use (kept in step with editor/user-template.ts by a test). */
export const PLACEHOLDER_HELP =
  '{{facts}} {{impact}} {{detection}} {{timeline}} {{root-cause}} {{resolution}} {{action-items}} on a line of their own; {{title}} {{severity}} {{date}} {{internal-summary}} {{customer-message}} anywhere.'

/** The team's own post-mortem templates, added from Markdown files. */
export function TemplateSettings() {
  const templates = (useSettings() ?? DEFAULT_SETTINGS).templates
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const add = async (file: File) => {
    setMessage(null)
    setError(null)
    if (file.size > LIMITS.template * 4)
      return setError(`${file.name} is larger than a template can be. Nothing was added.`)
    const markdown = await file.text()
    if (markdown.length > LIMITS.template)
      return setError(
        `${file.name} has ${formatCount(markdown.length)} characters; a template holds ${formatCount(LIMITS.template)}. Nothing was added.`,
      )
    if (!markdown.trim()) return setError(`${file.name} is empty. Nothing was added.`)
    const { unknownPlaceholders } = await import('../../editor/user-template')
    const typos = unknownPlaceholders(markdown)
    const name = file.name.replace(/\.(md|markdown|txt)$/i, '').slice(0, LIMITS.templateName)
    try {
      const current = await loadSettings(db)
      if (current.templates.length >= 20)
        return setError('Twenty templates is the most Steady keeps. Remove one first.')
      await saveSettings(db, {
        ...current,
        templates: [...current.templates, { id: `t${Date.now().toString(36)}`, name, markdown }],
      })
      setMessage(
        `Added "${name}".${typos.length ? ` Unknown placeholders stay as written: ${typos.map((t) => `{{${t}}}`).join(', ')}.` : ''}`,
      )
    } catch (e) {
      setError(`${(e as Error).message} Nothing was added.`)
    }
  }
  const remove = async (templateId: string) => {
    const current = await loadSettings(db)
    await saveSettings(db, {
      ...current,
      templates: current.templates.filter((t) => t.id !== templateId),
    })
  }
  return (
    <div className="field">
      <p className="field-label">Your post-mortem templates</p>
      <p className="field-hint">
        A Markdown file with placeholders: {PLACEHOLDER_HELP} Chosen when a post-mortem starts.
      </p>
      {templates.length > 0 && (
        <ul className="template-list">
          {templates.map((t) => (
            <li key={t.id}>
              {t.name}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove the template ${t.name}`}
                title="Remove"
                onClick={() => void remove(t.id)}
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
        onClick={() => fileInput.current?.click()}
      >
        Add a template from a Markdown file…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        aria-label="Template file"
        tabIndex={-1}
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void add(file)
        }}
      />
      {message && (
        <p className="info" role="status">
          {message}
        </p>
      )}
      <ErrorText message={error} />
    </div>
  )
}
