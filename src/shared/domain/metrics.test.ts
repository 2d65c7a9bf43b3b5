import { describe, expect, it } from 'vitest'
import { newActionItem, withStatus } from './action-items'
import { actionItemsFromEvents, incidentMetrics } from './metrics'
import { IncidentLog, T0 } from './test-helpers'
import { DAY, HOUR, MINUTE } from './time'

function walkthrough(opts: { startedAt: number; detectedAt: number; resolvedAt: number }) {
  const log = new IncidentLog('inc-1', { now: opts.detectedAt, title: 'API down', ...opts })
  const t = opts.detectedAt
  log.record({
    kind: 'phase-changed',
    at: t + 3 * MINUTE,
    payload: { from: 'capture', to: 'triage' },
  })
  log.record({
    kind: 'phase-changed',
    at: t + 9 * MINUTE,
    payload: { from: 'triage', to: 'mitigate' },
  })
  log.record({ kind: 'mitigation-verified', at: t + 30 * MINUTE, payload: {} })
  log.record({ kind: 'resolved', at: opts.resolvedAt, payload: {} })
  return log
}

describe('incidentMetrics', () => {
  it('measures each step from the events, with a start backdated before detection', () => {
    const startedAt = T0 - 50 * MINUTE
    const log = walkthrough({ startedAt, detectedAt: T0, resolvedAt: T0 + 5 * HOUR })
    expect(incidentMetrics(log.events, T0 + 6 * HOUR)).toMatchObject({
      timeToDetect: 50 * MINUTE,
      timeToTriage: 9 * MINUTE,
      timeToMitigate: 80 * MINUTE,
      timeToResolve: 5 * HOUR + 50 * MINUTE,
      postmortem: { latency: null, onTime: null },
    })
  })

  it.each([
    ['across midnight', Date.UTC(2026, 10, 26, 23, 40), Date.UTC(2026, 10, 27, 0, 25), 45 * MINUTE],
    [
      'across days',
      Date.UTC(2026, 10, 26, 9, 0),
      Date.UTC(2026, 10, 29, 11, 30),
      3 * DAY + 150 * MINUTE,
    ],
    ['across a month end', Date.UTC(2026, 10, 30, 22, 0), Date.UTC(2026, 11, 1, 2, 0), 4 * HOUR],
  ])('times resolution %s', (_name, start, resolved, expected) => {
    const log = walkthrough({ startedAt: start, detectedAt: start, resolvedAt: resolved })
    expect(incidentMetrics(log.events, resolved)?.timeToResolve).toBe(expected)
  })

  it('says whether the post-mortem was written within 48 hours', () => {
    const resolvedAt = T0 + HOUR
    const onTime = walkthrough({ startedAt: T0, detectedAt: T0, resolvedAt })
    onTime.record({
      kind: 'postmortem-status',
      at: resolvedAt + 30 * HOUR,
      payload: { status: 'final' },
    })
    expect(incidentMetrics(onTime.events, resolvedAt + 31 * HOUR)?.postmortem).toEqual({
      latency: 30 * HOUR,
      onTime: true,
    })

    const late = walkthrough({ startedAt: T0, detectedAt: T0, resolvedAt })
    expect(incidentMetrics(late.events, resolvedAt + 47 * HOUR)?.postmortem.onTime).toBeNull()
    expect(incidentMetrics(late.events, resolvedAt + 49 * HOUR)?.postmortem.onTime).toBe(false)
    late.record({
      kind: 'postmortem-status',
      at: resolvedAt + 60 * HOUR,
      payload: { status: 'final' },
    })
    expect(incidentMetrics(late.events, resolvedAt + 61 * HOUR)?.postmortem).toEqual({
      latency: 60 * HOUR,
      onTime: false,
    })
  })

  it('counts action items done within 14 days of resolution', () => {
    const resolvedAt = T0 + HOUR
    const log = walkthrough({ startedAt: T0, detectedAt: T0, resolvedAt })
    const incident = log.incident
    const a = newActionItem({ title: 'Alert on 5xx' }, incident, { id: 'a', now: resolvedAt })
    const b = newActionItem({ title: 'Canary deploys' }, incident, { id: 'b', now: resolvedAt })
    const c = newActionItem({ title: 'Runbook' }, incident, { id: 'c', now: resolvedAt })
    for (const item of [a, b, c])
      log.record({
        kind: 'action-item-changed',
        at: resolvedAt,
        payload: { change: 'created', item },
      })
    const doneA = withStatus(a, 'done', resolvedAt + 3 * DAY)
    const doneB = withStatus(b, 'done', resolvedAt + 20 * DAY)
    log.record({
      kind: 'action-item-changed',
      at: doneA.updatedAt,
      payload: { change: 'done', item: doneA },
    })
    log.record({
      kind: 'action-item-changed',
      at: doneB.updatedAt,
      payload: { change: 'done', item: doneB },
    })
    log.record({
      kind: 'action-item-changed',
      at: resolvedAt + DAY,
      payload: { change: 'deleted', item: c },
    })
    expect(actionItemsFromEvents(log.events).map((i) => i.id)).toEqual(['a', 'b'])
    expect(incidentMetrics(log.events, resolvedAt + 21 * DAY)?.actionItems).toEqual({
      total: 2,
      doneInTime: 1,
    })
  })

  it('has nothing to say without an opening event', () => {
    expect(incidentMetrics([], T0)).toBeNull()
  })
})
