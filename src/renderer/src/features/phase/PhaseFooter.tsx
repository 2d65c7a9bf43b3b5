import { LIMITS } from '@shared/domain/model'
import { LimitedText } from '../../components/limited'
import { useState } from 'react'
import type { Command } from '../../commands/command'
import { Dialog } from '../../components/Dialog'
import { CommandButton } from '../../components/CommandButton'
import type { MoveProblem } from './use-move'

interface PhaseFooterProps {
  primary: Command
  secondary?: Command[]
  problem: MoveProblem | null
  error: string | null
  onReason: (reason: string) => void
  onDismiss: () => void
}

/** The end of every phase form: what is still missing, and the one next action. */
export function PhaseFooter({
  primary,
  secondary,
  problem,
  error,
  onReason,
  onDismiss,
}: PhaseFooterProps) {
  const listed = problem?.missing.filter((m) => m.field !== 'reason') ?? []
  return (
    <footer className="phase-footer">
      <div role="status" aria-live="polite" className="phase-problems">
        {listed.length > 0 && (
          <ul>
            {listed.map((m) => (
              <li key={m.field}>{m.message}</li>
            ))}
          </ul>
        )}
        {error && <p className="error-text">{error}</p>}
      </div>
      <div className="phase-actions">
        {secondary?.map((c) => (
          <CommandButton key={c.id} command={c} variant="quiet" />
        ))}
        <CommandButton command={primary} />
      </div>
      {problem?.needsReason && (
        <ReasonDialog
          kind={problem.move.kind}
          message={problem.missing.find((m) => m.field === 'reason')?.message ?? ''}
          onSubmit={onReason}
          onCancel={onDismiss}
        />
      )}
    </footer>
  )
}

const REASON_TEXT = {
  'go-to': { title: 'Mitigate first?', stay: 'Stay and mitigate', go: 'Move on anyway' },
  close: { title: 'Close with open items?', stay: 'Keep it open', go: 'Close anyway' },
  reopen: { title: 'Reopen the incident?', stay: 'Keep it closed', go: 'Reopen' },
  resolve: { title: 'Resolve?', stay: 'Cancel', go: 'Resolve' },
} as const

function ReasonDialog({
  kind,
  message,
  onSubmit,
  onCancel,
}: {
  kind: keyof typeof REASON_TEXT
  message: string
  onSubmit: (reason: string) => void
  onCancel: () => void
}) {
  const [reason, setReason] = useState('')
  const words = REASON_TEXT[kind]
  return (
    <Dialog label="Say why you move on" onClose={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (reason.trim()) onSubmit(reason.trim())
        }}
      >
        <h2>{words.title}</h2>
        <p className="muted">{message} The reason goes on the timeline.</p>
        <div className="field">
          <label htmlFor="move-reason" className="field-label">
            Reason
          </label>
          <LimitedText
            multiline
            id="move-reason"
            className="input"
            rows={3}
            autoFocus
            max={LIMITS.text}
            value={reason}
            onValue={setReason}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button quiet" onClick={onCancel}>
            {words.stay}
          </button>
          <button type="submit" className="button primary" disabled={!reason.trim()}>
            {words.go}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
