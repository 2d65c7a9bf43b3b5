import { plural } from '@shared/domain/vocabulary'
import type { Incident } from '@shared/domain/model'
import { HOUR } from '@shared/domain/time'
import { addDays, setHours, startOfHour } from 'date-fns'
import { formatDateTime, formatDuration } from '../../components/format'
import { useNow } from '../../components/use-now'
import { postmortemsRepo } from '../../db/instance'

const tomorrowMorning = (now: number) => startOfHour(setHours(addDays(now, 1), 9)).getTime()

/** The 48-hour deadline, and the suggestion to take a break before writing. */
export function BreakBanner({
  incident,
  deadlineHours,
}: {
  incident: Incident
  deadlineHours: number
}) {
  const now = useNow(60_000)
  if (incident.resolvedAt === null || incident.postmortemStatus === 'final') return null
  const due = incident.resolvedAt + deadlineHours * HOUR
  const left = due - now
  const onBreak = incident.breakUntil !== null && incident.breakUntil > now
  const rest = (until: number) => void postmortemsRepo.scheduleBreak(incident.id, until)
  return (
    <div className="break-banner" role="status">
      <p className="break-deadline">
        {left > 0
          ? `Due ${formatDateTime(due, now)} — ${formatDuration(left)} left of the ${plural(deadlineHours, 'hour')}.`
          : `Past the ${deadlineHours}-hour mark. It still helps to write it now.`}
      </p>
      {onBreak ? (
        <p className="muted">
          On a break until {formatDateTime(incident.breakUntil ?? now, now)}. Steady reminds you
          then.
        </p>
      ) : left > 0 && (incident.postmortemStatus === 'none' || incident.breakUntil === null) ? (
        <div className="break-choices">
          <span>Take a break first: fresh eyes write a better post-mortem. Remind me</span>
          <button type="button" className="pill" onClick={() => rest(now + 2 * HOUR)}>
            in 2 hours
          </button>
          <button type="button" className="pill" onClick={() => rest(now + 4 * HOUR)}>
            in 4 hours
          </button>
          <button type="button" className="pill" onClick={() => rest(tomorrowMorning(now))}>
            tomorrow morning
          </button>
        </div>
      ) : null}
    </div>
  )
}
