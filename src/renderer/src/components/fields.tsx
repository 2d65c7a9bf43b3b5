import { X } from 'lucide-react'
import { LIMITS } from '@shared/domain/model'
import { useId, useState, type ReactNode } from 'react'
import { LimitedText } from './limited'

interface TextInputProps {
  label: string
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  hint?: ReactNode
  multiline?: boolean
  rows?: number
  mono?: boolean
  autoFocus?: boolean
  placeholder?: string
  maxLength?: number
  /** The record's field this edits: a refused phase move focuses it by this name. */
  field?: string
}

export function TextInput(props: TextInputProps) {
  const id = useId()
  const hintId = props.hint ? `${id}-hint` : undefined
  const common = {
    id,
    value: props.value,
    onValue: props.onChange,
    onBlur: props.onBlur,
    autoFocus: props.autoFocus,
    placeholder: props.placeholder,
    max: props.maxLength ?? LIMITS.text,
    'aria-describedby': hintId,
    className: `input${props.mono ? ' mono' : ''}`,
  }
  return (
    <div className="field" data-field={props.field}>
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      {props.hint && (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.multiline ? (
        <LimitedText multiline rows={props.rows ?? 3} {...common} />
      ) : (
        <LimitedText type="text" {...common} />
      )}
    </div>
  )
}

export interface Choice<T extends string> {
  value: T
  label: string
  description?: ReactNode
}

interface ChoiceGroupProps<T extends string> {
  legend: string
  hint?: ReactNode
  options: readonly Choice<T>[]
  value: T | null
  onChange: (value: T) => void
  layout?: 'row' | 'cards'
  /** The record's field this chooses: a refused phase move focuses it by this name. */
  field?: string
}

/**
 * A radio group; `cards` shows each choice's description beside it. A click shows at once, even
 * when `value` comes back from the database a moment later.
 */
export function ChoiceGroup<T extends string>(props: ChoiceGroupProps<T>) {
  const name = useId()
  const [optimistic, setOptimistic] = useState<T | null>(null)
  const [seen, setSeen] = useState(props.value)
  if (seen !== props.value) {
    // The real value changed (saved, or reset by the parent): it wins from now on.
    setSeen(props.value)
    setOptimistic(null)
  }
  const value = optimistic ?? props.value
  const choose = (next: T): void => {
    setOptimistic(next)
    props.onChange(next)
  }
  return (
    <fieldset className="field" data-field={props.field}>
      <legend className="field-label">{props.legend}</legend>
      {props.hint && <p className="field-hint">{props.hint}</p>}
      <div className={props.layout === 'cards' ? 'choice-cards' : 'choice-row'}>
        {props.options.map((option) => (
          <label key={option.value} className="choice" data-checked={value === option.value}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => choose(option.value)}
            />
            <span className="choice-text">
              <span className="choice-label">{option.label}</span>
              {option.description && (
                <span className="choice-description">{option.description}</span>
              )}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

interface ChipsInputProps {
  label: string
  values: readonly string[]
  onChange: (values: string[]) => void
  placeholder?: string
  hint?: string
  /** The longest value the database accepts (from the domain's LIMITS). */
  maxLength: number
  /** Values offered as the user types (the browser's own list). */
  suggestions?: readonly string[]
  /** Code-like values (status codes, endpoints) in a monospace font. */
  mono?: boolean
}

/** A list of short values (status codes, endpoints): Enter or comma adds, × removes. */
export function ChipsInput({
  label,
  values,
  onChange,
  placeholder,
  hint,
  maxLength,
  suggestions,
  mono = true,
}: ChipsInputProps) {
  const id = useId()
  const font = mono ? ' mono' : ''
  const [draft, setDraft] = useState('')
  const add = (): void => {
    const value = draft.trim()
    if (value && !values.includes(value)) onChange([...values, value])
    setDraft('')
  }
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && <p className="field-hint">{hint}</p>}
      <div className="chips">
        {values.map((value) => (
          <span key={value} className={`chip${font}`}>
            {value}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove ${value}`}
              onClick={() => onChange(values.filter((v) => v !== value))}
            >
              <X size={14} aria-hidden="true" />
            </button>
          </span>
        ))}
        <LimitedText
          id={id}
          className={`chips-input${font}`}
          list={suggestions?.length ? `${id}-list` : undefined}
          value={draft}
          placeholder={placeholder}
          max={maxLength}
          onValue={(value) => setDraft(value.replace(/,/g, ''))}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === ',') {
              e.preventDefault()
              add()
            } else if (e.key === 'Backspace' && !draft && values.length) {
              onChange(values.slice(0, -1))
            }
          }}
          onBlur={add}
        />
        {suggestions?.length ? (
          <datalist id={`${id}-list`}>
            {suggestions
              .filter((s) => !values.includes(s))
              .map((s) => (
                <option key={s} value={s} />
              ))}
          </datalist>
        ) : null}
      </div>
    </div>
  )
}
