import { PHASES, type Incident, type Phase } from '@shared/domain/model'
import { PHASE_LABELS } from '@shared/domain/timeline'
import { Check } from 'lucide-react'
import { useUi } from '../../stores/ui-store'

/** The seven phases: finished ones marked, the current one ringed, earlier ones open to correct. */
export function Stepper({ incident, shown }: { incident: Incident; shown: Phase }) {
  const navigate = useUi((s) => s.navigate)
  const current = PHASES.indexOf(incident.phase)
  return (
    <nav aria-label="Phases" className="stepper">
      <ol>
        {PHASES.map((phase, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'later'
          const label = PHASE_LABELS[phase]
          return (
            <li key={phase} className="step" data-state={state}>
              <button
                type="button"
                className="step-button"
                disabled={state === 'later'}
                aria-current={phase === shown ? 'step' : undefined}
                aria-label={`${label}${state === 'done' ? ' (done)' : state === 'current' ? ' (current)' : ''}`}
                onClick={() =>
                  navigate({
                    screen: 'incident',
                    id: incident.id,
                    ...(state === 'done' ? { phase } : {}),
                  })
                }
              >
                <span className="step-dot" aria-hidden="true">
                  {state === 'done' && <Check size={12} strokeWidth={3} />}
                </span>
                <span className="step-label">{label}</span>
              </button>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
