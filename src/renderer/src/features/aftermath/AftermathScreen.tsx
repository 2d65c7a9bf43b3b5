import type { Incident } from '@shared/domain/model'
import { HOUR } from '@shared/domain/time'
import { formatDateTime } from '../../components/format'
import { useNow } from '../../components/use-now'
import { useSettings } from '../../db/hooks'
import { PhaseFooter } from '../incident/PhaseFooter'
import { PhaseIntro } from '../incident/PhaseIntro'
import { usePhaseCommands } from '../incident/use-phase-commands'

/** Post-mortem and prevention: where the incident goes once resolved. */
export function AftermathScreen({ incident }: { incident: Incident }) {
  const deadlineHours = useSettings()?.reminders.postmortemDeadlineHours ?? 48
  const postmortem = incident.phase === 'postmortem'
  const now = useNow(60_000)
  const { footer } = usePhaseCommands(
    incident,
    postmortem
      ? { label: 'Move to prevention', move: { kind: 'go-to', to: 'prevention' } }
      : { label: 'Close incident', move: { kind: 'close' } },
  )
  return (
    <div className="phase">
      {postmortem ? (
        <PhaseIntro
          goal="Document what happened, and learn."
          rule={`Within ${deadlineHours} hours of resolution — after a break, with fresh eyes.`}
          why="Memories fade fast. Blameless: ask about systems and decisions, never about who."
        />
      ) : (
        <PhaseIntro
          goal="Make it impossible to recur."
          rule="Within two weeks: items not done by then tend never to get done."
          why="Monitoring that would have caught it sooner, tests that would have prevented it, runbooks, and a look at similar systems. Close the loop: each item done and verified."
        />
      )}
      {incident.resolvedAt !== null && (
        <p className="info">
          Resolved {formatDateTime(incident.resolvedAt, now)}. Post-mortem due{' '}
          {formatDateTime(incident.resolvedAt + deadlineHours * HOUR, now)}.
        </p>
      )}
      <PhaseFooter {...footer} />
    </div>
  )
}
