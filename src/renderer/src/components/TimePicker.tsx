/**
 * Times the user gives: when something happened. `TimePicker` edits a time already recorded (the
 * start of impact, say); `WhenField` sits next to a log action and says "now" unless the user
 * opens it. Both take quick picks for the usual answers and a precise date-time, typed in the
 * zone times are shown in, which they name.
 */
import { CLOCK_SLACK } from '@shared/domain/commands'
import { CalendarClock, Clock } from 'lucide-react'
import { fromZoneInput, parseTypedTime, toTypedTime, toZoneInput } from '@shared/domain/zone'
import { useId, useRef, useState } from 'react'
import { ErrorText } from './ErrorText'
import { formatTime, shownZoneLabel, useShownZone } from './format'
import { useRoving } from './use-roving'
import { useNow } from './use-now'

const QUICK_PICKS = [
  { label: 'Now', minutes: 0 },
  { label: '5 min ago', minutes: 5 },
  { label: '15 min ago', minutes: 15 },
  { label: '30 min ago', minutes: 30 },
  { label: '1 hour ago', minutes: 60 },
]

function QuickPicks({ label, onPick }: { label: string; onPick: (minutesAgo: number) => void }) {
  // One Tab stop; arrows move between the picks.
  const { onKeyDown, item } = useRoving(QUICK_PICKS.length)
  return (
    <div
      className="quick-picks"
      role="group"
      aria-label={`${label}: quick picks`}
      onKeyDown={onKeyDown}
    >
      {QUICK_PICKS.map((pick, index) => (
        <button
          key={pick.label}
          type="button"
          className="pill"
          {...item(index)}
          onClick={() => onPick(pick.minutes)}
        >
          {pick.label}
        </button>
      ))}
    </div>
  )
}

const TYPED_HINT = 'Try 14:32, -10m, yesterday 23:40 or 2026-11-27 14:32.'

/**
 * The precise time, typed in the shown zone the way people say it under pressure ("14:32",
 * "-10m", "yesterday 23:40"), 24-hour like every time on screen. It is taken on Enter or when
 * the field is left; meanwhile it says how it reads what was typed. Alt+↓ (or the calendar
 * button) opens the browser's date picker for those who prefer one.
 */
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
  const zone = useShownZone()
  const [typed, setTyped] = useState<string | null>(null)
  const picker = useRef<HTMLInputElement>(null)
  const now = useNow(30_000)
  const reading = typed === null ? null : parseTypedTime(typed, now, zone)
  const commit = (): boolean => {
    if (typed === null) return true
    const ms = parseTypedTime(typed, Date.now(), zone)
    if (ms === null) {
      onError(`That is not a time. ${TYPED_HINT}`)
      return false
    }
    if (ms > Date.now() + CLOCK_SLACK) {
      onError('That time is in the future.')
      return false
    }
    setTyped(null)
    if (ms !== value) onTime(ms)
    return true
  }
  const openPicker = () => {
    try {
      picker.current?.showPicker()
    } catch {
      picker.current?.focus()
    }
  }
  return (
    <span className="exact-time">
      <label htmlFor={id} className="muted small">
        <span className="visually-hidden">{label}, </span>Exact time ({shownZoneLabel(value)})
      </label>
      <input
        id={id}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        className="input time-input mono"
        value={typed ?? toTypedTime(value, zone)}
        aria-describedby={`${id}-reading`}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            // Taken here; the form around it (a log entry) is not submitted by this Enter.
            e.preventDefault()
            commit()
          } else if (e.key === 'Escape' && typed !== null) {
            e.stopPropagation()
            setTyped(null)
          } else if (e.key === 'ArrowDown' && e.altKey) {
            e.preventDefault()
            openPicker()
          }
        }}
      />
      <button
        type="button"
        className="icon-button"
        tabIndex={-1}
        title="Pick a date and time (Alt+↓)"
        aria-label={`${label}: pick a date and time`}
        onClick={openPicker}
      >
        <CalendarClock size={16} aria-hidden="true" />
      </button>
      <input
        ref={picker}
        type="datetime-local"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        value={toZoneInput(value, zone)}
        onChange={(e) => {
          const ms = fromZoneInput(e.target.value, zone)
          if (ms === null) return
          if (ms > Date.now() + CLOCK_SLACK) return onError('That time is in the future.')
          onTime(ms)
        }}
      />
      <span id={`${id}-reading`} className="muted small time-reading" aria-live="polite">
        {typed === null ? '' : reading === null ? TYPED_HINT : `= ${formatTime(reading, true)}`}
      </span>
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
