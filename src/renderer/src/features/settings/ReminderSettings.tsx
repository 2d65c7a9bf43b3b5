import type { ReminderRule, Settings } from '@shared/domain/model'
import { REPEAT_UNANSWERED } from '@shared/domain/reminders'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { MINUTE } from '@shared/domain/time'
import { useState } from 'react'
import { useSettings } from '../../db/hooks'
import { db } from '../../db/instance'
import { saveSettings } from '../../db/settings-repo'
import { ErrorText } from '../../components/ErrorText'

const RULES: { rule: ReminderRule; label: string }[] = [
  { rule: 'captureTimebox', label: 'Capture timebox is up' },
  { rule: 'triageTimebox', label: 'Triage timebox is up' },
  { rule: 'mitigationCheckIn', label: 'Mitigation check-ins ("are users back?")' },
  { rule: 'fixMonitoring', label: 'End of fix monitoring' },
  { rule: 'postmortem', label: 'Post-mortem nudge and deadline' },
  { rule: 'actionItemDue', label: 'Action items due and overdue' },
  { rule: 'actionItemVerify', label: 'Verify done action items' },
]

type Numbers = {
  [K in keyof Settings['reminders']]: Settings['reminders'][K] extends number ? K : never
}[keyof Settings['reminders']]

const INTERVALS: { key: Numbers | 'capture' | 'triage'; label: string; unit: string }[] = [
  { key: 'capture', label: 'Capture timebox', unit: 'minutes' },
  { key: 'triage', label: 'Triage timebox', unit: 'minutes' },
  {
    key: 'mitigationCheckInMinutes',
    label: 'Mitigation check-in every',
    unit: 'minutes, daily after two hours',
  },
  { key: 'fixMonitoringHours', label: 'Monitor the fix for', unit: 'hours' },
  { key: 'postmortemNudgeHours', label: 'Post-mortem nudge after', unit: 'hours' },
  { key: 'postmortemDeadlineHours', label: 'Post-mortem due within', unit: 'hours' },
  { key: 'actionItemDueDays', label: 'Action items due after', unit: 'days' },
  { key: 'verifyAfterDays', label: 'Verify done items after', unit: 'days' },
]

/** Each reminder rule on or off, its interval, and quiet hours. Saved as soon as it changes. */
export function ReminderSettings() {
  const saved = useSettings() ?? DEFAULT_SETTINGS
  // This screen is where settings change: its own copy shows each change at once.
  const [draft, setDraft] = useState<Settings | null>(null)
  const settings = draft ?? saved
  const [error, setError] = useState<string | null>(null)
  const save = (next: Settings) => {
    setDraft(next)
    return saveSettings(db, next).then(
      () => setError(null),
      (e: Error) => {
        setDraft(null)
        setError(`${e.message} Nothing was changed.`)
      },
    )
  }
  const r = settings.reminders
  const valueOf = (key: (typeof INTERVALS)[number]['key']) =>
    key === 'capture'
      ? settings.timeboxes.captureMinutes
      : key === 'triage'
        ? settings.timeboxes.triageMinutes
        : r[key]
  const setValue = (key: (typeof INTERVALS)[number]['key'], value: number) => {
    if (!(value > 0)) return setError('Use a number above zero. Nothing was changed.')
    if (key === 'capture')
      return save({ ...settings, timeboxes: { ...settings.timeboxes, captureMinutes: value } })
    if (key === 'triage')
      return save({ ...settings, timeboxes: { ...settings.timeboxes, triageMinutes: value } })
    return save({ ...settings, reminders: { ...r, [key]: value } })
  }
  return (
    <>
      <fieldset className="field">
        <legend className="field-label">Remind me about</legend>
        <div className="checklist">
          {RULES.map(({ rule, label }) => (
            <label key={rule} className="check">
              <input
                type="checkbox"
                checked={r.enabled[rule] !== false}
                onChange={(e) =>
                  void save({
                    ...settings,
                    reminders: { ...r, enabled: { ...r.enabled, [rule]: e.target.checked } },
                  })
                }
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Timing</legend>
        <div className="settings-grid">
          {INTERVALS.map(({ key, label, unit }) => (
            <label key={key} className="contents">
              <span>
                {label} ({unit})
              </span>
              <input
                type="number"
                min={1}
                className="input number-input"
                // Keyed by the saved value: when settings arrive or change, the field shows them.
                key={`${key}:${valueOf(key)}`}
                defaultValue={valueOf(key)}
                onBlur={(e) => void setValue(key, Number(e.target.value))}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Check-ins that repeat until answered</legend>
        <p className="field-hint">
          An unanswered "are users back?" check-in comes again every {REPEAT_UNANSWERED / MINUTE}{' '}
          minutes until you snooze or dismiss it, or verify users are back.
        </p>
        <div className="choice-row">
          {(['SEV1', 'SEV2'] as const).map((severity) => (
            <label className="check" key={severity}>
              <input
                type="checkbox"
                checked={r.repeatUntilAnswered.includes(severity)}
                onChange={(e) =>
                  void save({
                    ...settings,
                    reminders: {
                      ...r,
                      repeatUntilAnswered: e.target.checked
                        ? [...r.repeatUntilAnswered, severity]
                        : r.repeatUntilAnswered.filter((s) => s !== severity),
                    },
                  })
                }
              />
              {severity}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Quiet hours</legend>
        <p className="field-hint">
          Quiet hours hold only what comes after an incident (post-mortems, action items). An
          incident still in progress always reminds you, at any hour.
        </p>
        <div className="inline-row">
          <label className="check">
            <input
              type="checkbox"
              checked={r.quietHours.enabled}
              onChange={(e) =>
                void save({
                  ...settings,
                  reminders: { ...r, quietHours: { ...r.quietHours, enabled: e.target.checked } },
                })
              }
            />
            Hold after-incident reminders between
          </label>
          <input
            type="time"
            aria-label="Quiet hours start"
            className="input time-input"
            value={r.quietHours.start}
            onChange={(e) =>
              void save({
                ...settings,
                reminders: { ...r, quietHours: { ...r.quietHours, start: e.target.value } },
              })
            }
          />
          <span>and</span>
          <input
            type="time"
            aria-label="Quiet hours end"
            className="input time-input"
            value={r.quietHours.end}
            onChange={(e) =>
              void save({
                ...settings,
                reminders: { ...r, quietHours: { ...r.quietHours, end: e.target.value } },
              })
            }
          />
        </div>
      </fieldset>
      <ErrorText message={error} />
    </>
  )
}
