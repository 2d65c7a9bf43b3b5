import type { Incident } from '@shared/domain/model'
import { useState } from 'react'
import { WhenField } from '../../components/TimePicker'
import { formatDateTime } from '../../components/format'
import { useNow } from '../../components/use-now'
import { incidentsRepo } from '../../db/instance'
import { strategyLabel } from '../phase/labels'
import { PhaseFooter } from '../phase/PhaseFooter'
import { PhaseIntro } from '../phase/PhaseIntro'
import { usePhaseCommands } from '../phase/use-phase-commands'
import { MitigationForm, MitigationList } from './MitigationLog'

export function MitigateScreen({ incident }: { incident: Incident }) {
  const verified = incident.mitigatedAt !== null
  const { id } = incident
  const now = useNow(60_000)
  const [backAt, setBackAt] = useState<number | null>(null)
  const toDiagnose = { kind: 'go-to', to: 'diagnose' } as const
  const { footer } = usePhaseCommands(
    incident,
    verified
      ? { label: 'Move to diagnose', move: toDiagnose }
      : {
          label: 'Users are back — verified',
          run: () => incidentsRepo.verifyMitigation(id, backAt ?? undefined),
        },
    verified ? [] : [{ label: 'Diagnose before verifying', move: toDiagnose }],
  )
  return (
    <div className="phase">
      <PhaseIntro
        goal="Stop the bleeding."
        rule="A mitigation is not a fix: a tourniquet, not surgery."
        why="Minutes, not hours. Rolling back to yesterday's code is perfectly fine. Log every attempt; if one fails, try the next."
      />
      <p className="strategy-banner">
        Strategy: <strong>{strategyLabel(incident.strategy)}</strong>
        {incident.strategyNote.trim() && (
          <span className="muted"> — {incident.strategyNote.trim()}</span>
        )}
      </p>
      <MitigationList incident={incident} />
      {verified ? (
        <p className="success" role="status">
          Users verified back {formatDateTime(incident.mitigatedAt ?? 0, now)}. Now find the root
          cause.
        </p>
      ) : (
        <>
          <MitigationForm incident={incident} />
          <div className="when-row">
            <span className="muted small">Users back since</span>
            <WhenField label="Time users were back" value={backAt} onChange={setBackAt} />
          </div>
        </>
      )}
      <PhaseFooter {...footer} />
    </div>
  )
}
