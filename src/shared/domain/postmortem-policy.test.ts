import { describe, expect, it } from 'vitest'
import type { EventDraft } from './events'
import type { Settings, Severity } from './model'
import { postmortemNeed, reviewDueAt } from './postmortem-policy'
import { dueReminders } from './reminders'
import { DEFAULT_SETTINGS as S } from './settings'
import { IncidentLog } from './test-helpers'

// Friday 27 November 2026, 15:00 in this process's zone (the suite runs in UTC and elsewhere).
const FRIDAY = new Date(2026, 10, 27, 15, 0).getTime()

function resolved(severity: Severity | null) {
  const log = new IncidentLog('inc-1', { now: FRIDAY - 3_600_000, title: 'x' })
  if (severity)
    log.record({
      kind: 'severity-changed',
      at: FRIDAY - 3_000_000,
      payload: { from: null, to: severity },
    } as EventDraft)
  return log.record({ kind: 'resolved', at: FRIDAY, payload: {} } as EventDraft).incident
}

describe('the post-mortem rule by severity', () => {
  it('requires SEV1 and SEV2, suggests SEV3 and unclassified, leaves SEV4 optional', () => {
    expect(postmortemNeed(resolved('SEV1'), S)).toBe('required')
    expect(postmortemNeed(resolved('SEV2'), S)).toBe('required')
    expect(postmortemNeed(resolved('SEV3'), S)).toBe('suggested')
    expect(postmortemNeed(resolved(null), S)).toBe('suggested')
    expect(postmortemNeed(resolved('SEV4'), S)).toBe('optional')
  })

  it('wants a SEV1 reviewed within 3 calendar days, a SEV2 within 5 business days', () => {
    expect(reviewDueAt(resolved('SEV1'), S)).toBe(new Date(2026, 10, 30, 15, 0).getTime())
    // Friday + 5 business days: the next Friday, over the weekend.
    expect(reviewDueAt(resolved('SEV2'), S)).toBe(new Date(2026, 11, 4, 15, 0).getTime())
    expect(reviewDueAt(resolved('SEV3'), S)).toBeNull()
  })

  it('reminds of the review through the reminder system, and does not chase an optional one', () => {
    const ids = (severity: Severity, settings: Settings = S) =>
      dueReminders([resolved(severity)], settings, FRIDAY).map((r) => r.id.replace('inc-1:', ''))
    expect(ids('SEV1')).toEqual(['postmortem-nudge', 'postmortem-deadline', 'postmortem-review'])
    expect(ids('SEV4')).toEqual([])
    // Edited in Settings: SEV4 required, reviewed within 1 business day.
    const strict = {
      ...S,
      postmortemPolicy: {
        ...S.postmortemPolicy,
        SEV4: { need: 'required', reviewDays: 1, businessDays: true },
      },
    } satisfies Settings
    expect(ids('SEV4', strict)).toEqual([
      'postmortem-nudge',
      'postmortem-deadline',
      'postmortem-review',
    ])
    expect(dueReminders([resolved('SEV4')], strict, FRIDAY).at(-1)?.at).toBe(
      new Date(2026, 10, 30, 15, 0).getTime(),
    )
  })
})
