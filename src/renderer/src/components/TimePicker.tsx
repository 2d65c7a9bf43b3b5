/**
 * Times the user gives: when something happened. `TimePicker` edits a time already recorded (the
 * start of impact, say); `WhenField` sits next to a log action and says "now" unless the user
 * opens it. Both take quick picks for the usual answers and a precise date-time, typed in the
 * zone times are shown in, which they name.
 */
import { CLOCK_SLACK } from '@shared/domain/commands'
import { Clock } from 'lucide-react'
import { useId, useState } from 'react'
import { ErrorText } from './ErrorText'
import { formatTime, fromLocalInput, shownZoneLabel, toLocalInput } from './format'
import { useNow } from './use-now'

const QUICK_PICKS = [
  { label: 'Now', minutes: 0 },
  { label: '5 min ago', minutes: 5 },
  { label: '15 min ago', minutes: 15 },
  { label: '30 min ago', minutes: 30 },
  { label: '1 hour ago', minutes: 60 },
]

function QuickPicks({ label, onPick }: { label: string; onPick: (minutesAgo: number) => void }) {
  return (
    <div className="quick-picks" role="group" aria-label={`${label}: quick picks`}>
      {QUICK_PICKS.map((pick) => (
        <button
          key={pick.label}
          type="button"
          className="pill"
          onClick={() => onPick(pick.minutes)}
        >
          {pick.label}
        </button>
      ))}
    </div>
  )
}

/** The precise date-time, in the shown zone; says why when what was typed cannot be a time. */
function ExactTime({
  label,
  value,
  onTime,
  onError,
}: {
  label: string
  value: number
  onTime: (ms: number) => void
  onError: (message: string) => void
}) {
  const id = useId()
  const now = useNow(30_000)
  const [typed, setTyped] = useState<string | null>(null)
  return (
    <span className="exact-time">
      <label htmlFor={id} className="muted small">
        <span className="visually-hidden">{label}, </span>Exact time ({shownZoneLabel(value)})
      </label>
      <input
        id={id}
        type="datetime-local"
        className="input time-input"
        value={typed ?? toLocalInput(value)}
        max={toLocalInput(now + CLOCK_SLACK)}
        onChange={(e) => {
          setTyped(e.target.value)
          const ms = fromLocalInput(e.target.value)
          if (ms === null) return onError('That is not a date and time.')
          if (ms > Date.now() + CLOCK_SLACK) return onError('That time is in the future.')
          setTyped(null)
          onTime(ms)
        }}
      />
    </span>
  )
}

interface TimePickerProps {
  label: string
  value: number
  onChange: (ms: number) => Promise<void> | void
  hint?: string
}

/** A time already recorded, corrected in place. */
export function TimePicker({ label, value, onChange, hint }: TimePickerProps) {
  const [error, setError] = useState<string | null>(null)
  const choose = async (ms: number): Promise<void> => {
    setError(null)
    try {
      await onChange(Math.min(ms, Date.now()))
    } catch (e) {
      setError((e as Error).message)
    }
  }
  return (
    <fieldset className="field">
      <legend className="field-label">{label}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <div className="time-picker">
        <QuickPicks label={label} onPick={(m) => void choose(Date.now() - m * 60_000)} />
        <ExactTime
          label={label}
          value={value}
          onTime={(ms) => void choose(ms)}
          onError={setError}
        />
      </div>
      <ErrorText message={error && `${error} Nothing was changed.`} />
    </fieldset>
  )
}

interface WhenFieldProps {
  /** What the time is of: "Time of this attempt". */
  label: string
  /** null means "now", at the moment the action is taken. */
  value: number | null
  onChange: (ms: number | null) => void
}

/**
 * When something happened, beside the action that logs it. Closed, it reads "Now" and adds no
 * step; opened, it takes a quick pick or an exact time.
 */
export function WhenField({ label, value, onChange }: WhenFieldProps) {
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const panelId = useId()
  const now = useNow(30_000)
  const set = (ms: number | null) => {
    setError(null)
    onChange(ms)
  }
  return (
    <div className="when-field">
      <button
        type="button"
        className="pill when-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${label}: ${value === null ? 'now' : formatTime(value, true)}. Change`}
        onClick={() => setOpen(!open)}
      >
        <Clock size={14} aria-hidden="true" />
        {value === null ? 'Now' : formatTime(value, true)}
      </button>
      {open && (
        <div id={panelId} className="when-panel">
          <QuickPicks label={label} onPick={(m) => set(m === 0 ? null : Date.now() - m * 60_000)} />
          <ExactTime label={label} value={value ?? now} onTime={set} onError={setError} />
        </div>
      )}
      <ErrorText message={error} />
    </div>
  )
}
