import type { Move } from '@shared/domain/lifecycle'
import type { Incident } from '@shared/domain/model'
import { createContext, useContext, useLayoutEffect, useMemo, useRef } from 'react'
import { PHASE_LABELS } from '@shared/domain/timeline'
import type { Phase } from '@shared/domain/model'
import { useUi } from '../../stores/ui-store'
import type { Command } from '../../commands/command'
import { useRegisterCommands } from '../../commands/screen-commands'
import { useMove } from './use-move'

export const PRIMARY_SHORTCUT = { key: 'Enter', mod: true }

/** The phase whose screen is shown, which differs from the incident's while correcting. */
export const ShownPhase = createContext<Phase | null>(null)

/** A phase action: a lifecycle move (checked by the rules) or any other step. */
export interface PhaseAction {
  label: string
  move?: Move
  run?: () => unknown
}

/**
 * The phase's primary action (Ctrl/Cmd+Enter) and secondary ones, registered for the palette and
 * the shortcuts, plus what the footer needs to show when a move is refused.
 */
export function usePhaseCommands(
  incident: Incident,
  phasePrimary: PhaseAction,
  phaseSecondary: PhaseAction[] = [],
) {
  const mover = useMove(incident)
  const shown = useContext(ShownPhase)
  const navigate = useUi((s) => s.navigate)
  // Correcting an earlier phase: the way forward is back to where the incident is.
  const correcting = shown !== null && shown !== incident.phase
  const primary: PhaseAction = correcting
    ? {
        label: `Back to ${PHASE_LABELS[incident.phase]}`,
        run: () => navigate({ screen: 'incident', id: incident.id }),
      }
    : phasePrimary
  const secondary: PhaseAction[] =
    correcting && shown
      ? [
          {
            label: `Move the incident back to ${PHASE_LABELS[shown]}`,
            move: { kind: 'go-to', to: shown },
          },
        ]
      : phaseSecondary
  // Commands keep their identity while the labels stay; they always run the latest action.
  const latest = useRef({ primary, secondary, run: mover.run })
  useLayoutEffect(() => {
    latest.current = { primary, secondary, run: mover.run }
  })
  const labels = [primary.label, ...secondary.map((s) => s.label)]
  const key = labels.join('\n')
  const commands = useMemo<Command[]>(() => {
    // One action at a time: a second press while the first is saving is ignored, not repeated.
    const running = { now: false }
    const perform = async (action: PhaseAction | undefined): Promise<void> => {
      if (running.now) return
      running.now = true
      try {
        if (action?.run) await action.run()
        else if (action?.move) await latest.current.run(action.move)
      } finally {
        running.now = false
      }
    }
    return key.split('\n').map((label, index) => ({
      id: index === 0 ? 'phase.primary' : `phase.secondary.${index}`,
      label,
      ...(index === 0 ? { shortcut: PRIMARY_SHORTCUT } : {}),
      run: () =>
        perform(index === 0 ? latest.current.primary : latest.current.secondary[index - 1]),
    }))
  }, [key])
  useRegisterCommands(commands)
  const [primaryCommand, ...secondaryCommands] = commands
  const footer = {
    primary: primaryCommand as Command,
    secondary: secondaryCommands,
    problem: mover.problem,
    error: mover.error,
    onDismiss: mover.dismiss,
    onReason: (reason: string) => {
      if (mover.problem) void mover.run({ ...mover.problem.move, reason } as Move)
    },
  }
  return { footer, move: mover.run }
}
