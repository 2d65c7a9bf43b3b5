import { NEED_LABELS, type PostmortemNeed } from '@shared/domain/postmortem-policy'
import { SEVERITIES, type Settings, type Severity, type SeverityPolicy } from '@shared/domain/model'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { useSettings } from '../../db/hooks'
import { db } from '../../db/instance'
import { loadSettings, saveSettings } from '../../db/settings-repo'

const NEEDS = Object.keys(NEED_LABELS) as PostmortemNeed[]

/** Which incidents need a post-mortem, and when its review is due, by severity. */
export function PostmortemPolicySettings() {
  const policy = (useSettings() ?? DEFAULT_SETTINGS).postmortemPolicy
  const [error, setError] = useState<string | null>(null)
  const change = async (severity: Severity, patch: Partial<SeverityPolicy>) => {
    try {
      const current: Settings = await loadSettings(db)
      const next = { ...current.postmortemPolicy[severity], ...patch }
      await saveSettings(db, {
        ...current,
        postmortemPolicy: { ...current.postmortemPolicy, [severity]: next },
      })
      setError(null)
    } catch (e) {
      setError(`${(e as Error).message} Nothing was changed.`)
    }
  }
  return (
    <div className="field">
      <p className="field-label" id="pm-policy-title">
        Which incidents need a post-mortem
      </p>
      <p className="field-hint">
        The review date counts from resolution; reminders follow it. Leave the days empty for no
        review deadline.
      </p>
      <table className="policy-table" aria-labelledby="pm-policy-title">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Post-mortem</th>
            <th scope="col">Review within (days)</th>
            <th scope="col">Business days only</th>
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((severity) => {
            const p = policy[severity]
            return (
              <tr key={severity}>
                <th scope="row">{severity}</th>
                <td>
                  <select
                    className="input select"
                    aria-label={`Post-mortem for ${severity}`}
                    value={p.need}
                    onChange={(e) =>
                      void change(severity, { need: e.target.value as PostmortemNeed })
                    }
                  >
                    {NEEDS.map((n) => (
                      <option key={n} value={n}>
                        {NEED_LABELS[n]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={90}
                    className="input number-input"
                    aria-label={`Review within, for ${severity}`}
                    key={`${severity}:${p.reviewDays}`}
                    defaultValue={p.reviewDays ?? ''}
                    onBlur={(e) => {
                      const raw = e.target.value.trim()
                      const days = raw === '' ? null : Number(raw)
                      if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= 90))
                        return setError(
                          'Days are a whole number from 0 to 90. Nothing was changed.',
                        )
                      if (days !== p.reviewDays) void change(severity, { reviewDays: days })
                    }}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Business days only, for ${severity}`}
                    checked={p.businessDays}
                    onChange={(e) => void change(severity, { businessDays: e.target.checked })}
                  />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <ErrorText message={error} />
    </div>
  )
}
