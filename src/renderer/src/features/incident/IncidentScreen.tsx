import type { Incident, Phase } from '@shared/domain/model'
import { PHASE_LABELS } from '@shared/domain/timeline'
import { useEffect, useRef } from 'react'
import { autosave, incidentsRepo } from '../../db/instance'
import { readPostmortemAhead, useIncident } from '../../db/hooks'
import { focusFirstField } from '../../components/focus'
import { UiNotice } from '../../components/UiNotice'
import { useMediaQuery } from '../../components/use-media-query'
import { NARROW_QUERY, useUi } from '../../stores/ui-store'
import { IncidentPeek } from './IncidentPeek'
import { CaptureScreen } from '../capture/CaptureScreen'
import { DiagnoseScreen } from '../diagnose/DiagnoseScreen'
import { FixScreen } from '../fix/FixScreen'
import { MitigateScreen } from '../mitigate/MitigateScreen'
import { PostmortemScreen } from '../postmortem/PostmortemScreen'
import { PreventionScreen } from '../prevention/PreventionScreen'
import { TimelinePanel } from '../timeline/TimelinePanel'
import { timelineShown } from '../timeline/use-timeline-shown'
import { TriageScreen } from '../triage/TriageScreen'
import { IncidentHeader } from './IncidentHeader'
import { useIncidentCommands } from './use-incident-commands'
import { ServiceLinks } from './ServiceLinks'
import { Stepper } from './Stepper'
import { ShownPhase } from '../phase/use-phase-commands'

/** Focus in a text box: a phase changed from elsewhere (another window) leaves it there. */
const isTyping = (el: Element | null): boolean =>
  el instanceof HTMLElement && el.matches('input, textarea, [contenteditable="true"]')

/** The phases under time pressure, which open in focus mode. */
const PRESSURE_PHASES: readonly Phase[] = ['capture', 'triage', 'mitigate']

const SCREENS: Record<Phase, (props: { incident: Incident }) => React.ReactNode> = {
  capture: CaptureScreen,
  triage: TriageScreen,
  mitigate: MitigateScreen,
  diagnose: DiagnoseScreen,
  fix: FixScreen,
  postmortem: PostmortemScreen,
  prevention: PreventionScreen,
}

export function IncidentScreen({ id, phase }: { id: string; phase?: Phase }) {
  const incident = useIncident(id)
  const narrow = useMediaQuery(NARROW_QUERY)
  const focusMode = useUi((s) => s.focusMode)
  const timelineOpen = useUi((s) => timelineShown(s, narrow))
  const navigate = useUi((s) => s.navigate)
  const peek = useUi((s) => s.peek)
  const mainRef = useRef<HTMLDivElement>(null)
  // Leaving the screen saves what is pending.
  useEffect(() => () => void autosave.flush(id), [id])
  // The post-mortem is read beside the incident: its screen's first render can show it.
  useEffect(() => void readPostmortemAhead(id), [id])
  const shownPhase = phase ?? incident?.phase
  // A new phase starts at the top, with the caret in its first field (unless a field already
  // took it, like Capture's description, or the user put it somewhere else meanwhile, like the
  // note box: their next keys are meant for it). Both in the next frame, which lays the screen
  // out to paint it anyway (scrolling here laid it out inside the render's task).
  useEffect(() => {
    const main = mainRef.current
    if (!main) return
    const before = document.activeElement
    const takeFocus = !main.contains(before) && !isTyping(before)
    const frame = requestAnimationFrame(() => {
      const now = document.activeElement
      if (takeFocus && (now === before || now === document.body))
        focusFirstField(main.querySelector('.phase'))
      main.scrollTo({ top: 0 })
    })
    return () => cancelAnimationFrame(frame)
  }, [shownPhase])

  if (incident === undefined) return null
  if (incident === null)
    return (
      <section className="page">
        <h1>Incident not found</h1>
        <button
          type="button"
          className="link-button"
          onClick={() => navigate({ screen: 'incidents' })}
        >
          Back to incidents
        </button>
      </section>
    )
  const shown = phase ?? incident.phase
  const Screen = SCREENS[shown]
  const focused = focusMode && incident.status === 'active' && PRESSURE_PHASES.includes(shown)
  return (
    <div
      className="incident-layout"
      data-timeline={timelineOpen ? 'open' : 'closed'}
      data-narrow={narrow || undefined}
    >
      <div className="incident-main" ref={mainRef}>
        <div
          className="incident-column"
          data-wide={shown === 'postmortem' || shown === 'prevention' || undefined}
        >
          <div className="incident-top">
            <IncidentHeader incident={incident} />
            <Stepper incident={incident} shown={shown} />
            <ServiceLinks incident={incident} />
          </div>
          <UiNotice className="correction-banner" />
          {incident.status === 'deleted' && (
            <p className="correction-banner" role="status">
              This incident is in the trash.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => void incidentsRepo.restore(incident.id)}
              >
                Restore it
              </button>
            </p>
          )}
          {phase && phase !== incident.phase && (
            <p className="correction-banner" role="status">
              Correcting {PHASE_LABELS[phase]}. The incident stays in {PHASE_LABELS[incident.phase]}
              .
            </p>
          )}
          <IncidentCommands incident={incident} />
          <ShownPhase.Provider value={shown}>
            <Screen key={`${id}:${shown}`} incident={incident} />
          </ShownPhase.Provider>
        </div>
      </div>
      <FocusMode on={focused} />
      {timelineOpen && <TimelinePanel incidentId={id} drawer={narrow} compact={focused} />}
      {peek && peek !== id && <IncidentPeek id={peek} />}
    </div>
  )
}

function IncidentCommands({ incident }: { incident: Incident }) {
  useIncidentCommands(incident)
  return null
}

/** Tells the shell that focus mode is on while this screen shows a pressure phase. */
function FocusMode({ on }: { on: boolean }) {
  useEffect(() => {
    useUi.setState({ focused: on })
    return () => {
      useUi.setState({ focused: false })
    }
  }, [on])
  return null
}
