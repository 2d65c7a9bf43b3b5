import { PHASES, SEVERITIES, type Incident } from '@shared/domain/model'
import { PHASE_LABELS } from '@shared/domain/timeline'
import { useMemo } from 'react'
import type { Command } from '../../commands/command'
import { useRegisterCommands } from '../../commands/screen-commands'
import { incidentsRepo } from '../../db/instance'
import { isNarrow, useUi } from '../../stores/ui-store'
import { timelineShown } from '../timeline/use-timeline-shown'

/** Opens the timeline if it is closed, then puts the caret in its note box. */
function focusNoteBox(): void {
  const ui = useUi.getState()
  if (!timelineShown(ui, isNarrow())) ui.toggleTimeline()
  requestAnimationFrame(() => document.getElementById('timeline-note')?.focus())
}

/**
 * What can be done to the incident on screen from the palette, whatever its phase: set the
 * severity, add a note, see another phase, finalise the post-mortem.
 */
export function useIncidentCommands(incident: Incident): void {
  const { id, severity, phase, postmortemStatus } = incident
  const reached = PHASES.indexOf(phase)
  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'incident.note',
        label: 'Add a note to the timeline',
        keywords: 'log write comment',
        group: 'screen',
        run: focusNoteBox,
      },
      ...SEVERITIES.filter((s) => s !== severity).map<Command>((s) => ({
        id: `incident.severity.${s}`,
        label: `Set severity to ${s}`,
        keywords: 'reclassify sev',
        group: 'screen',
        run: async () => void (await incidentsRepo.changeSeverity(id, s)),
      })),
      ...PHASES.filter((p, i) => i <= reached).map<Command>((p) => ({
        id: `incident.phase.${p}`,
        label: `Show ${PHASE_LABELS[p]}`,
        keywords: 'phase step go',
        group: 'screen',
        run: () =>
          useUi
            .getState()
            .navigate(
              p === phase ? { screen: 'incident', id } : { screen: 'incident', id, phase: p },
            ),
      })),
      ...(postmortemStatus === 'none'
        ? []
        : [
            {
              id: 'postmortem.review',
              label:
                postmortemStatus === 'final'
                  ? 'Edit the final post-mortem again'
                  : postmortemStatus === 'review'
                    ? 'Mark the post-mortem as final'
                    : 'Send the post-mortem to review',
              keywords: 'done finish final review status',
              group: 'screen' as const,
              // The review gate runs on the post-mortem's screen: go there, at its first action.
              run: () => {
                useUi
                  .getState()
                  .navigate(
                    phase === 'postmortem'
                      ? { screen: 'incident', id }
                      : { screen: 'incident', id, phase: 'postmortem' },
                  )
                focusReviewAction()
              },
            },
          ]),
    ],
    [id, severity, phase, reached, postmortemStatus],
  )
  useRegisterCommands(commands)
}

/** The post-mortem's next status action, once its screen is drawn. */
function focusReviewAction(frames = 30): void {
  requestAnimationFrame(() => {
    const button = document.querySelector<HTMLButtonElement>('.review-panel .doc-actions button')
    if (button) button.focus()
    else if (frames > 0) focusReviewAction(frames - 1)
  })
}
