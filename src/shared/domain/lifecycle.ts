/**
 * The one function that moves an incident through its lifecycle. Given the incident, a requested
 * move and `now`, it says whether the move is allowed, what is missing, and which events it appends.
 */
import type { EventDraft } from './events'
import { PHASES, type ActionItem, type Incident, type Phase } from './model'

export type Move =
  /** To another phase: forward along the process, or back to correct an earlier one. */
  | { kind: 'go-to'; to: Phase; reason?: string }
  | { kind: 'resolve'; resolvedAt: number }
  | { kind: 'close'; reason?: string }
  | { kind: 'reopen'; reason: string }

export interface Missing {
  field: string
  message: string
}

export type TransitionResult =
  | { allowed: true; events: EventDraft[] }
  | { allowed: false; missing: Missing[]; needsReason: boolean }

const REASON = 'reason'

export const phaseIndex = (phase: Phase): number => PHASES.indexOf(phase)

/** What must be true before the user leaves a phase going forward. */
function exitRequirements(incident: Incident, phase: Phase, reason: string): Missing[] {
  switch (phase) {
    case 'capture':
      return incident.symptoms.trim()
        ? []
        : [{ field: 'symptoms', message: 'Describe what is happening.' }]
    case 'triage':
      return [
        ...(incident.severity ? [] : [{ field: 'severity', message: 'Choose a severity.' }]),
        ...(incident.strategy
          ? []
          : [{ field: 'strategy', message: 'Choose a response strategy.' }]),
      ]
    case 'mitigate':
      // The solo rule: mitigate first. Moving on before users are verified back needs a reason.
      return incident.mitigatedAt !== null || reason
        ? []
        : [
            {
              field: REASON,
              message: 'Users are not verified back yet. Say why you are moving on now.',
            },
          ]
    case 'fix':
      return incident.resolvedAt !== null
        ? []
        : [{ field: 'resolvedAt', message: 'Resolve the incident before the post-mortem.' }]
    case 'diagnose':
    case 'postmortem':
    case 'prevention':
      return []
  }
}

const refuse = (missing: Missing[]): TransitionResult => ({
  allowed: false,
  missing,
  needsReason: missing.some((m) => m.field === REASON),
})

export function transition(
  incident: Incident,
  move: Move,
  now: number,
  actionItems: readonly ActionItem[] = [],
): TransitionResult {
  const reason = ('reason' in move ? move.reason : undefined)?.trim() ?? ''
  switch (move.kind) {
    case 'go-to': {
      const from = phaseIndex(incident.phase)
      const to = phaseIndex(move.to)
      if (from === to) return refuse([{ field: 'phase', message: 'The incident is already here.' }])
      const missing =
        to < from
          ? []
          : PHASES.slice(from, to).flatMap((phase) => exitRequirements(incident, phase, reason))
      if (missing.length) return refuse(missing)
      return {
        allowed: true,
        events: [
          {
            kind: 'phase-changed',
            at: now,
            payload: { from: incident.phase, to: move.to, ...(reason ? { reason } : {}) },
          },
        ],
      }
    }
    case 'resolve': {
      const missing: Missing[] = []
      if (incident.status !== 'active')
        missing.push({ field: 'status', message: 'The incident is already resolved.' })
      if (!Number.isFinite(move.resolvedAt) || move.resolvedAt > now)
        missing.push({
          field: 'resolvedAt',
          message: 'The resolution time cannot be in the future.',
        })
      else if (move.resolvedAt < incident.startedAt)
        missing.push({
          field: 'resolvedAt',
          message: 'The resolution time is before the incident started.',
        })
      if (missing.length) return refuse(missing)
      return { allowed: true, events: [{ kind: 'resolved', at: move.resolvedAt, payload: {} }] }
    }
    case 'close': {
      if (incident.status === 'active')
        return refuse([{ field: 'status', message: 'Resolve the incident before closing it.' }])
      if (incident.status === 'closed')
        return refuse([{ field: 'status', message: 'The incident is already closed.' }])
      const unverified = actionItems.filter((item) => item.status !== 'verified')
      if (unverified.length && !reason)
        return refuse([
          {
            field: REASON,
            message: `${unverified.length} action item${unverified.length === 1 ? ' is' : 's are'} not verified yet. Verify them, or say why you close it anyway.`,
          },
        ])
      return {
        allowed: true,
        events: [{ kind: 'closed', at: now, payload: reason ? { reason } : {} }],
      }
    }
    case 'reopen': {
      if (incident.status === 'active')
        return refuse([{ field: 'status', message: 'The incident is still open.' }])
      if (!reason) return refuse([{ field: REASON, message: 'Say why you reopen it.' }])
      return { allowed: true, events: [{ kind: 'reopened', at: now, payload: { reason } }] }
    }
  }
}
