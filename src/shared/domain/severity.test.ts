import { describe, expect, it } from 'vitest'
import { replay } from './events'
import { changeSeverity, suggestSeverity, type SeverityAnswers } from './severity'
import { IncidentLog, T0 } from './test-helpers'
import { MINUTE } from './time'

describe('suggestSeverity', () => {
  it.each<[SeverityAnswers['affected'], boolean, boolean, string]>([
    ['all', false, false, 'SEV1'],
    ['all', false, true, 'SEV2'],
    ['some', false, false, 'SEV2'],
    ['some', false, true, 'SEV3'],
    ['few', false, false, 'SEV3'],
    ['few', false, true, 'SEV4'],
    ['few', true, true, 'SEV1'],
    ['some', true, false, 'SEV1'],
  ])(
    'affected %s, data/security risk %s, workaround %s → %s',
    (affected, risk, workaround, sev) => {
      expect(suggestSeverity({ affected, dataOrSecurityRisk: risk, workaround })).toBe(sev)
    },
  )
})

describe('changeSeverity', () => {
  it('classifies, reclassifies with a reason, and keeps the history as events', () => {
    const log = new IncidentLog()
    log.record(changeSeverity(log.incident, 'SEV3', T0 + MINUTE)!)
    log.record(changeSeverity(log.incident, 'SEV1', T0 + 20 * MINUTE, ' EU users too ')!)
    expect(log.incident.severity).toBe('SEV1')
    const history = log.events.filter((e) => e.kind === 'severity-changed').map((e) => e.payload)
    expect(history).toEqual([
      { from: null, to: 'SEV3' },
      { from: 'SEV3', to: 'SEV1', reason: 'EU users too' },
    ])
    expect(replay(log.events)?.severity).toBe('SEV1')
  })

  it('records nothing when the severity does not change', () => {
    const log = new IncidentLog()
    log.record(changeSeverity(log.incident, 'SEV2', T0)!)
    expect(changeSeverity(log.incident, 'SEV2', T0 + MINUTE)).toBeNull()
  })
})
