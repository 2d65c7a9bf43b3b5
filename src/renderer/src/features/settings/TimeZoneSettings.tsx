import { LOCAL_ZONE, runtimeZone, zoneLabel } from '@shared/domain/zone'
import { useMemo } from 'react'
import { useNow } from '../../components/use-now'
import { useUi } from '../../stores/ui-store'

/**
 * Show times in: this computer's zone, UTC, or a chosen one. Every time field types in that zone
 * and says so; the Markdown export states it once and uses it throughout.
 */
export function TimeZoneSettings() {
  const choice = useUi((s) => s.timeZone)
  const setTimeZone = useUi((s) => s.setTimeZone)
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), [])
  const now = useNow(60_000)
  const kind = choice === LOCAL_ZONE ? 'local' : choice === 'UTC' ? 'utc' : 'chosen'
  const chosen = kind === 'chosen' ? choice : runtimeZone()
  return (
    <fieldset className="field">
      <legend>Show times in</legend>
      <p className="field-hint">
        Every time on screen, typed into a time field, and written into an exported post-mortem.
      </p>
      <div className="choice-column">
        <label className="choice">
          <input
            type="radio"
            name="time-zone"
            checked={kind === 'local'}
            onChange={() => setTimeZone(LOCAL_ZONE)}
          />
          This computer's zone: {zoneLabel(runtimeZone(), now)}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="time-zone"
            checked={kind === 'utc'}
            onChange={() => setTimeZone('UTC')}
          />
          UTC
        </label>
        <label className="choice">
          <input
            type="radio"
            name="time-zone"
            checked={kind === 'chosen'}
            onChange={() => setTimeZone(chosen === 'UTC' ? 'Europe/London' : chosen)}
          />
          A chosen zone
        </label>
        {kind === 'chosen' && (
          <select
            className="input"
            aria-label="Time zone"
            value={choice}
            onChange={(e) => setTimeZone(e.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zoneLabel(zone, now)}
              </option>
            ))}
          </select>
        )}
      </div>
    </fieldset>
  )
}
