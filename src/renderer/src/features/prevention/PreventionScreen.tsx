import { plural } from '@shared/domain/vocabulary'
import { runbookItem } from '@shared/domain/services'
import type { ActionItemType, Incident } from '@shared/domain/model'
import { Check, Circle } from 'lucide-react'
import { useActionItems, useSettings } from '../../db/hooks'
import { actionItemsRepo } from '../../db/instance'
import { ActionItemsTable } from '../action-items/ActionItemsTable'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { usePhaseCommands } from '../phase/use-phase-commands'

/** The process's prevention checklist; each line is covered by action items of its type. */
const CHECKLIST: { type: ActionItemType; label: string; starter: string }[] = [
  {
    type: 'detect',
    label: 'Monitoring that would have detected this faster',
    starter: 'Add monitoring that would have caught this sooner',
  },
  {
    type: 'test',
    label: 'Tests that would have prevented it',
    starter: 'Add a test that would have prevented this',
  },
  { type: 'process', label: 'Runbooks updated', starter: 'Update the runbook' },
  {
    type: 'review-similar',
    label: 'Similar systems reviewed',
    starter: 'Review similar systems for the same weakness',
  },
]

export function PreventionScreen({ incident }: { incident: Incident }) {
  const items = useActionItems(incident.id) ?? []
  const settings = useSettings()
  const days = settings?.reminders.actionItemDueDays ?? 14
  const services = settings?.services ?? []
  const closed = incident.status === 'closed'
  const { footer } = usePhaseCommands(
    incident,
    closed
      ? { label: 'Reopen incident', move: { kind: 'reopen', reason: '' } }
      : { label: 'Close incident', move: { kind: 'close' } },
  )
  const unverified = items.filter((i) => i.status !== 'verified').length
  return (
    <div className="phase">
      <PhaseIntro
        goal="Make it impossible to recur."
        rule={`Within ${plural(days, 'day')}: items not done by then tend never to get done.`}
        why="Monitoring that would have caught it sooner, tests that would have prevented it, runbooks, and a look at similar systems. Close the loop: each item done, then verified to work."
      />
      {closed && (
        <p className="success" role="status">
          Closed
          {incident.closeReason ? `: ${incident.closeReason}` : ' — every action item verified.'}
        </p>
      )}
      <section aria-labelledby="checklist-title" className="section">
        <h3 id="checklist-title" className="section-title">
          Prevention checklist
        </h3>
        <ul className="prevention-list">
          {CHECKLIST.map((line) => {
            const linked = items.filter((i) => i.type === line.type)
            const verified = linked.length > 0 && linked.every((i) => i.status === 'verified')
            return (
              <li key={line.type} className="prevention-row" data-verified={verified || undefined}>
                {verified ? (
                  <Check size={16} aria-label="Verified" className="ok-icon" />
                ) : (
                  <Circle size={16} aria-hidden="true" className="muted" />
                )}
                <span className="prevention-label">{line.label}</span>
                <span className="muted small">
                  {linked.length ? linked.map((i) => i.title).join(', ') : 'No action item yet'}
                </span>
                <button
                  type="button"
                  className="button quiet small"
                  onClick={() =>
                    void actionItemsRepo.create(incident.id, {
                      // "Update the runbook" points at the service's runbook, when it has one.
                      ...(line.type === 'process'
                        ? runbookItem(incident.services, services)
                        : { title: line.starter }),
                      type: line.type,
                    })
                  }
                >
                  Add item
                </button>
              </li>
            )
          })}
        </ul>
      </section>
      <section aria-labelledby="items-title" className="section">
        <h3 id="items-title" className="section-title">
          Action items{unverified ? ` — ${unverified} not verified yet` : ''}
        </h3>
        <ActionItemsTable incidentId={incident.id} />
      </section>
      <PhaseFooter {...footer} />
    </div>
  )
}
