import { describe, expect, it } from 'vitest'
import type { EventDraft } from './events'
import { transition, type Move } from './lifecycle'
import type { ActionItem, Incident } from './model'
import { IncidentLog, T0 } from './test-helpers'
import { HOUR, MINUTE } from './time'

const NOW = T0 + 30 * MINUTE

function at(phase: Incident['phase'], patch: Partial<Incident> = {}): Incident {
  return { ...new IncidentLog().incident, phase, ...patch }
}

const item = (status: ActionItem['status']): ActionItem => ({
  id: `ai-${status}`,
  incidentId: 'inc-1',
  title: 'Alert on 5xx rate',
  type: 'detect',
  owner: '',
  dueAt: null,
  measure: '',
  status,
  createdAt: T0,
  updatedAt: T0,
  doneAt: null,
  verifiedAt: null,
})

const triaged = { symptoms: '502s on /checkout', severity: 'SEV2', strategy: 'rollback' } as const

describe('transition', () => {
  it.each<[string, Incident, Move, string[]]>([
    ['capture needs a description', at('capture'), { kind: 'go-to', to: 'triage' }, ['symptoms']],
    [
      'blank description is not one',
      at('capture', { symptoms: '  ' }),
      { kind: 'go-to', to: 'triage' },
      ['symptoms'],
    ],
    [
      'triage needs severity and strategy',
      at('triage', { symptoms: 'x' }),
      { kind: 'go-to', to: 'mitigate' },
      ['severity', 'strategy'],
    ],
    [
      'triage needs a strategy',
      at('triage', { symptoms: 'x', severity: 'SEV3' }),
      { kind: 'go-to', to: 'mitigate' },
      ['strategy'],
    ],
    [
      'mitigate first: leaving unverified needs a reason',
      at('mitigate', triaged),
      { kind: 'go-to', to: 'diagnose' },
      ['reason'],
    ],
    [
      'skipping ahead from triage meets the mitigate rule',
      at('triage', triaged),
      { kind: 'go-to', to: 'diagnose' },
      ['reason'],
    ],
    [
      'skipping from capture lists everything missing',
      at('capture'),
      { kind: 'go-to', to: 'diagnose' },
      ['symptoms', 'severity', 'strategy', 'reason'],
    ],
    [
      'the post-mortem needs a resolved incident',
      at('fix', { ...triaged, mitigatedAt: T0 }),
      { kind: 'go-to', to: 'postmortem' },
      ['resolvedAt'],
    ],
    ['moving to the same phase', at('triage'), { kind: 'go-to', to: 'triage' }, ['phase']],
    [
      'resolving twice',
      at('fix', { status: 'resolved', resolvedAt: T0 }),
      { kind: 'resolve', resolvedAt: NOW },
      ['status'],
    ],
    [
      'resolving in the future',
      at('fix'),
      { kind: 'resolve', resolvedAt: NOW + MINUTE },
      ['resolvedAt'],
    ],
    [
      'resolving before the start',
      at('fix'),
      { kind: 'resolve', resolvedAt: T0 - MINUTE },
      ['resolvedAt'],
    ],
    [
      'resolving at an impossible time',
      at('fix'),
      { kind: 'resolve', resolvedAt: Number.NaN },
      ['resolvedAt'],
    ],
    ['closing an active incident', at('prevention'), { kind: 'close' }, ['status']],
    ['reopening an active incident', at('fix'), { kind: 'reopen', reason: 'x' }, ['status']],
    [
      'reopening without a reason',
      at('postmortem', { status: 'resolved', resolvedAt: T0 }),
      { kind: 'reopen', reason: ' ' },
      ['reason'],
    ],
  ])('refuses: %s', (_name, incident, move, fields) => {
    const result = transition(incident, move, NOW)
    expect(result.allowed).toBe(false)
    if (result.allowed) return
    expect(result.missing.map((m) => m.field)).toEqual(fields)
    expect(result.needsReason).toBe(fields.includes('reason'))
    for (const m of result.missing) expect(m.message).toMatch(/\w+/)
  })

  it.each<[string, Incident, Move, EventDraft[]]>([
    [
      'capture → triage',
      at('capture', { symptoms: '502s' }),
      { kind: 'go-to', to: 'triage' },
      [{ kind: 'phase-changed', at: NOW, payload: { from: 'capture', to: 'triage' } }],
    ],
    [
      'triage → mitigate',
      at('triage', triaged),
      { kind: 'go-to', to: 'mitigate' },
      [{ kind: 'phase-changed', at: NOW, payload: { from: 'triage', to: 'mitigate' } }],
    ],
    [
      'mitigate → diagnose once verified',
      at('mitigate', { ...triaged, mitigatedAt: T0 }),
      { kind: 'go-to', to: 'diagnose' },
      [{ kind: 'phase-changed', at: NOW, payload: { from: 'mitigate', to: 'diagnose' } }],
    ],
    [
      'mitigate → diagnose with a reason, which is logged',
      at('mitigate', triaged),
      { kind: 'go-to', to: 'diagnose', reason: ' Need logs to pick a mitigation ' },
      [
        {
          kind: 'phase-changed',
          at: NOW,
          payload: { from: 'mitigate', to: 'diagnose', reason: 'Need logs to pick a mitigation' },
        },
      ],
    ],
    [
      'back to an earlier phase, always',
      at('fix'),
      { kind: 'go-to', to: 'capture' },
      [{ kind: 'phase-changed', at: NOW, payload: { from: 'fix', to: 'capture' } }],
    ],
    [
      'fix → post-mortem once resolved',
      at('fix', { ...triaged, mitigatedAt: T0, status: 'resolved', resolvedAt: T0 + HOUR }),
      { kind: 'go-to', to: 'postmortem' },
      [{ kind: 'phase-changed', at: NOW, payload: { from: 'fix', to: 'postmortem' } }],
    ],
    [
      'resolve at a chosen time',
      at('fix'),
      { kind: 'resolve', resolvedAt: T0 + 10 * MINUTE },
      [{ kind: 'resolved', at: T0 + 10 * MINUTE, payload: {} }],
    ],
    [
      'close with a reason',
      at('prevention', { status: 'resolved', resolvedAt: T0 }),
      { kind: 'close', reason: 'Superseded by the migration project' },
      [{ kind: 'closed', at: NOW, payload: { reason: 'Superseded by the migration project' } }],
    ],
    [
      'reopen with a reason',
      at('prevention', { status: 'closed', resolvedAt: T0, closedAt: T0 }),
      { kind: 'reopen', reason: 'It came back' },
      [{ kind: 'reopened', at: NOW, payload: { reason: 'It came back' } }],
    ],
  ])('allows: %s', (_name, incident, move, events) => {
    expect(transition(incident, move, NOW)).toEqual({ allowed: true, events })
  })

  it('closes only when every action item is verified, or with a reason', () => {
    const resolved = at('prevention', { status: 'resolved', resolvedAt: T0 })
    const close: Move = { kind: 'close' }
    expect(transition(resolved, close, NOW, [item('verified'), item('done')])).toMatchObject({
      allowed: false,
      needsReason: true,
      missing: [
        { field: 'reason', message: expect.stringContaining('1 action item is not verified') },
      ],
    })
    expect(transition(resolved, close, NOW, [item('verified')])).toMatchObject({ allowed: true })
    expect(
      transition(resolved, { kind: 'close', reason: 'Moved to backlog' }, NOW, [item('open')]),
    ).toMatchObject({ allowed: true })
  })
})
