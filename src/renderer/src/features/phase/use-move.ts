import type { Missing, Move } from '@shared/domain/lifecycle'
import type { Incident } from '@shared/domain/model'
import { useCallback, useState } from 'react'
import { focusRecordField } from '../../components/focus'
import { autosave, incidentsRepo } from '../../db/instance'
import { useUi } from '../../stores/ui-store'

export interface MoveProblem {
  move: Move
  missing: Missing[]
  needsReason: boolean
}

/** Runs lifecycle moves for a screen: saves pending edits first, then asks the rules. */
export function useMove(incident: Incident) {
  const navigate = useUi((s) => s.navigate)
  const [problem, setProblem] = useState<MoveProblem | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { id } = incident
  const run = useCallback(
    async (move: Move): Promise<boolean> => {
      try {
        await autosave.flush(id)
        const result = await incidentsRepo.move(id, move)
        if (!result.allowed) {
          setProblem({ move, missing: result.missing, needsReason: result.needsReason })
          const first = result.missing[0]?.field
          // The message is beside the action; the caret goes where the fix is.
          if (!result.needsReason && first) focusRecordField(first)
          return false
        }
        setProblem(null)
        setError(null)
        navigate({ screen: 'incident', id })
        return true
      } catch (e) {
        setError((e as Error).message)
        return false
      }
    },
    [id, navigate],
  )
  return { run, problem, error, dismiss: () => setProblem(null) }
}
