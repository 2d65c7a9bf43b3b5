import { describe, expect, it } from 'vitest'
import { Refusal, setFactors } from './commands'
import { LIMITS } from './model'
import { buildPostmortemTemplate, type DocNode } from './postmortem'
import { reviewGaps } from './review'
import { IncidentLog, T0 } from './test-helpers'

const ctx = { now: T0 + 60_000, newId: () => 'x' }
const factor = (id: string, category: string, text: string) => ({ id, category, text })

describe('contributing factors', () => {
  it('are recorded as a whole list, blank ones left out, and nothing when nothing changed', () => {
    const log = new IncidentLog()
    const drafts = setFactors(
      log.incident,
      [factor('f1', 'Configuration', ' No canary for config '), factor('f2', 'Process', '  ')],
      ctx,
    )
    expect(drafts).toEqual([
      {
        kind: 'factors-set',
        at: ctx.now,
        payload: { factors: [factor('f1', 'Configuration', 'No canary for config')] },
      },
    ])
    log.record(drafts)
    expect(log.incident.factors).toEqual([factor('f1', 'Configuration', 'No canary for config')])
    expect(setFactors(log.incident, log.incident.factors!, ctx)).toEqual([])
    expect(setFactors(log.incident, [], ctx)[0]?.payload).toEqual({ factors: [] })
  })

  it('refuse a factor without a category, or one character over a limit', () => {
    const incident = new IncidentLog().incident
    expect(() => setFactors(incident, [factor('f', ' ', 'x')], ctx)).toThrow(Refusal)
    expect(() =>
      setFactors(incident, [factor('f', 'c'.repeat(LIMITS.factorCategory + 1), 'x')], ctx),
    ).toThrow(/at most 60/)
    expect(() =>
      setFactors(incident, [factor('f', 'Process', 'x'.repeat(LIMITS.shortNote + 1))], ctx),
    ).toThrow(/at most 2000/)
    expect(
      setFactors(incident, [factor('f', 'Process', 'x'.repeat(LIMITS.shortNote))], ctx),
    ).toHaveLength(1)
  })

  it('reach the post-mortem as a list with their categories, and satisfy the gate', () => {
    const log = new IncidentLog()
    log.record(
      setFactors(
        log.incident,
        [
          factor('f1', 'Detection gap', 'No alert on regional 5xx'),
          factor('f2', 'Change', 'Config pushed to all regions at once'),
        ],
        ctx,
      ),
    )
    const doc = buildPostmortemTemplate(log.incident, log.events, 'UTC')
    const text = (n: DocNode): string => n.text ?? (n.content ?? []).map(text).join('')
    const body = doc.content.map(text).join('\n')
    expect(body).toContain('Detection gap: No alert on regional 5xx')
    expect(body).toContain('Change: Config pushed to all regions at once')
    expect(reviewGaps(log.incident, [], doc).map((g) => g.id)).not.toContain('factors')
  })
})
