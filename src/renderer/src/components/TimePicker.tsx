import { useId, useState } from 'react'
import { ErrorText } from './ErrorText'
import { fromLocalInput, toLocalInput } from './format'
import { useNow } from './use-now'

const QUICK_PICKS = [
  { label: 'Now', minutes: 0 },
  { label: '5 min ago', minutes: 5 },
  { label: '15 min ago', minutes: 15 },
  { label: '30 min ago', minutes: 30 },
  { label: '1 hour ago', minutes: 60 },
]

interface TimePickerProps {
  label: string
  value: number
  onChange: (ms: number) => Promise<void> | void
  hint?: string
}

/** A time in the past: quick picks for the usual answers, and a precise editor. */
export function TimePicker({ label, value, onChange, hint }: TimePickerProps) {
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  const now = useNow(30_000)
  const choose = async (ms: number | null): Promise<void> => {
    if (ms === null) return setError('That is not a date and time.')
    if (ms > Date.now() + 60_000) return setError('That time is in the future.')
    setError(null)
    try {
      await onChange(ms)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <fieldset className="field">
      <legend className="field-label">{label}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <div className="time-picker">
        <div className="quick-picks" role="group" aria-label={`${label}: quick picks`}>
          {QUICK_PICKS.map((pick) => (
            <button
              key={pick.label}
              type="button"
              className="pill"
              onClick={() => void choose(Date.now() - pick.minutes * 60_000)}
            >
              {pick.label}
            </button>
          ))}
        </div>
        <label htmlFor={id} className="visually-hidden">
          {label}: exact time
        </label>
        <input
          id={id}
          type="datetime-local"
          className="input time-input"
          value={toLocalInput(value)}
          max={toLocalInput(now)}
          onChange={(e) => void choose(fromLocalInput(e.target.value))}
        />
      </div>
      <ErrorText message={error && `${error} Nothing was changed.`} />
    </fieldset>
  )
}
