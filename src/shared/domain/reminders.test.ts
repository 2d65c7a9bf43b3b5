import { describe, expect, it } from 'vitest'
import { newActionItem, withStatus } from './action-items'
import type { EventDraft } from './events'
import type { Incident, Settings } from './model'
import { dueReminders, needsFiring, scheduleTime, summarizeDue } from './reminders'
import { DEFAULT_SETTINGS } from './settings'
import { IncidentLog, T0 } from './test-helpers'
import { DAY, HOUR, MINUTE } from './time'

const S = DEFAULT_SETTINGS
const go = (from: Incident['phase'], to: Incident['phase'], at: number): EventDraft => ({
  kind: 'phase-changed',
  at,
  payload: { from, to },
})

function schedule(incident: Incident, now: number, settings: Settings = S, items = [] as never[]) {
  return dueReminders([incident], settings, now, items).map((r) => ({
    id: r.id.replace(`${incident.id}:`, ''),
    at: r.at,
  }))
}

describe('dueReminders', () => {
  it('times the capture box at 5 minutes', () => {
    const log = new IncidentLog()
    expect(schedule(log.incident, T0)).toEqual([{ id: 'capture-timebox', at: T0 + 5 * MINUTE }])
  })

  it('times the triage box at 10 minutes from entering triage', () => {
    const log = new IncidentLog().record(go('capture', 'triage', T0 + 4 * MINUTE))
    expect(schedule(log.incident, T0 + 4 * MINUTE)).toEqual([
      { id: 'triage-timebox', at: T0 + 14 * MINUTE },
    ])
  })

  it('checks in every 15 minutes while mitigating, until users are verified back', () => {
    const log = new IncidentLog().record(go('capture', 'mitigate', T0))
    expect(schedule(log.incident, T0 + MINUTE)).toEqual([
      { id: 'mitigation-check-in:1', at: T0 + 15 * MINUTE },
    ])
    expect(schedule(log.incident, T0 + 40 * MINUTE)).toEqual([
      { id: 'mitigation-check-in:2', at: T0 + 30 * MINUTE },
      { id: 'mitigation-check-in:3', at: T0 + 45 * MINUTE },
    ])
    log.record({ kind: 'mitigation-verified', at: T0 + 41 * MINUTE, payload: {} })
    expect(schedule(log.incident, T0 + 41 * MINUTE)).toEqual([])
  })

  it('checks in once a day after the first two hours of mitigating', () => {
    const log = new IncidentLog().record(go('capture', 'mitigate', T0))
    expect(schedule(log.incident, T0 + 2 * HOUR + MINUTE)).toEqual([
      { id: 'mitigation-check-in:8', at: T0 + 2 * HOUR },
      { id: 'mitigation-check-in:9', at: T0 + 2 * HOUR + DAY },
    ])
    expect(schedule(log.incident, T0 + 3 * DAY)).toEqual([
      { id: 'mitigation-check-in:10', at: T0 + 2 * HOUR + 2 * DAY },
      { id: 'mitigation-check-in:11', at: T0 + 2 * HOUR + 3 * DAY },
    ])
  })

  it('computed for the start of the check-in period, lists every check-in due until the next', () => {
    const every = S.reminders.mitigationCheckInMinutes * MINUTE
    for (const entered of [T0, T0 + 7 * MINUTE + 13_000, T0 + every - 1]) {
      const log = new IncidentLog().record(go('capture', 'mitigate', entered))
      // Every 15 minutes for two hours, then daily.
      const times = [
        ...Array.from({ length: 8 }, (_, i) => entered + (i + 1) * every),
        ...Array.from({ length: 4 }, (_, j) => entered + 2 * HOUR + (j + 1) * DAY),
      ]
      for (
        let now = entered;
        now < entered + 3 * DAY;
        now += now < entered + 3 * HOUR ? 37_000 : 11 * 60_000
      ) {
        const at = scheduleTime(now, S)
        expect(at).toBeLessThanOrEqual(now)
        const listed = new Set(schedule(log.incident, at).map((r) => r.at))
        // The check-in due most recently, and every one due before the schedule is next computed.
        const due = times.filter((t) => t <= now).at(-1) ?? times[0]
        for (const t of times.filter((t) => t >= (due ?? 0) && t < at + every))
          expect(listed, `now ${now - entered}`).toContain(t)
      }
    }
  })

  it('ends fix monitoring 24 hours after the deploy', () => {
    const log = new IncidentLog()
      .record(go('capture', 'fix', T0))
      .record({ kind: 'fix-deployed', at: T0 + 2 * HOUR, payload: {} })
    expect(schedule(log.incident, T0 + 2 * HOUR)).toEqual([
      { id: 'fix-monitoring', at: T0 + 26 * HOUR },
    ])
  })

  it('asks whether the fix held until answered; a regression reopens the incident in Mitigate', () => {
    const log = new IncidentLog()
      .record(go('capture', 'fix', T0))
      .record({ kind: 'fix-deployed', at: T0 + 2 * HOUR, payload: {} })
      .record({ kind: 'resolved', at: T0 + 3 * HOUR, payload: {} })
    const asks = (at: number) => schedule(log.incident, at).some((r) => r.id === 'fix-monitoring')
    expect(asks(T0 + 30 * HOUR)).toBe(true)
    log.record({
      kind: 'monitoring-ended',
      at: T0 + 27 * HOUR,
      payload: { result: 'regressed', note: '502s again' },
    })
    expect(asks(T0 + 30 * HOUR)).toBe(false)
    expect(log.incident).toMatchObject({
      status: 'active',
      phase: 'mitigate',
      resolvedAt: null,
      mitigatedAt: null,
      monitoringResult: 'regressed',
    })
  })

  it('nudges for the post-mortem at 24 hours and is due at 48, across days', () => {
    const resolvedAt = Date.UTC(2026, 10, 26, 23, 30)
    const log = new IncidentLog()
      .record(go('capture', 'fix', T0))
      .record({ kind: 'resolved', at: resolvedAt, payload: {} })
    expect(schedule(log.incident, resolvedAt)).toEqual([
      { id: 'postmortem-nudge', at: resolvedAt + DAY },
      { id: 'postmortem-deadline', at: resolvedAt + 2 * DAY },
    ])
    log.record({
      kind: 'break-scheduled',
      at: resolvedAt,
      payload: { until: resolvedAt + 3 * HOUR },
    })
    expect(schedule(log.incident, resolvedAt)[0]).toEqual({
      id: 'postmortem-nudge',
      at: resolvedAt + 3 * HOUR,
    })
    log.record({
      kind: 'postmortem-status',
      at: resolvedAt + 5 * HOUR,
      payload: { status: 'final' },
    })
    expect(schedule(log.incident, resolvedAt + 5 * HOUR)).toEqual([])
  })

  it('reminds of action items when due, when overdue, and to verify done ones', () => {
    const log = new IncidentLog().record({ kind: 'resolved', at: T0 + HOUR, payload: {} })
    const open = newActionItem({ title: 'Alert on 5xx' }, log.incident, {
      id: 'a',
      now: T0 + 2 * HOUR,
    })
    const done = withStatus(
      newActionItem({ title: 'Canary' }, log.incident, { id: 'b', now: T0 }),
      'done',
      T0 + 2 * DAY,
    )
    const verified = withStatus(done, 'verified', T0 + 3 * DAY)
    const ids = dueReminders([log.incident], S, T0 + 2 * HOUR, [
      open,
      done,
      { ...verified, id: 'c' },
    ])
      .filter((r) => r.rule !== 'postmortem')
      .map((r) => [r.id.replace('inc-1:', ''), r.at])
    expect(ids).toEqual([
      ['action-item:b:verify', T0 + 5 * DAY],
      ['action-item:a:due', T0 + HOUR + 14 * DAY],
      ['action-item:a:overdue', T0 + HOUR + 15 * DAY],
    ])
  })

  it('keeps a snoozed reminder at its new time and a dismissed one gone', () => {
    const log = new IncidentLog()
    const reminder = dueReminders([log.incident], S, T0)[0]!
    log.record({
      kind: 'reminder-snoozed',
      at: T0 + 6 * MINUTE,
      payload: { reminderId: reminder.id, title: reminder.title, until: T0 + 16 * MINUTE },
    })
    expect(schedule(log.incident, T0 + 6 * MINUTE)).toEqual([
      { id: 'capture-timebox', at: T0 + 16 * MINUTE },
    ])
    log.record({
      kind: 'reminder-dismissed',
      at: T0 + 17 * MINUTE,
      payload: { reminderId: reminder.id, title: reminder.title },
    })
    expect(schedule(log.incident, T0 + 17 * MINUTE)).toEqual([])
  })

  it('follows settings changed mid-incident, and skips rules turned off', () => {
    const log = new IncidentLog()
    const longer = { ...S, timeboxes: { ...S.timeboxes, captureMinutes: 8 } }
    expect(schedule(log.incident, T0 + 6 * MINUTE, longer)).toEqual([
      { id: 'capture-timebox', at: T0 + 8 * MINUTE },
    ])
    const off = {
      ...S,
      reminders: { ...S.reminders, enabled: { ...S.reminders.enabled, captureTimebox: false } },
    }
    expect(schedule(log.incident, T0, off)).toEqual([])
  })

  it('stays quiet for closed incidents and keeps ids stable across calls', () => {
    const log = new IncidentLog()
    const first = dueReminders([log.incident], S, T0)
    expect(dueReminders([log.incident], S, T0 + 3 * MINUTE)).toEqual(first)
    log
      .record({ kind: 'resolved', at: T0 + MINUTE, payload: {} })
      .record({ kind: 'closed', at: T0 + 2 * MINUTE, payload: { reason: 'false alarm' } })
    expect(schedule(log.incident, T0 + 2 * MINUTE)).toEqual([])
  })
})

describe('check-ins of a severe incident repeat until answered', () => {
  const sev = (to: 'SEV1' | 'SEV2' | 'SEV3', at: number): EventDraft => ({
    kind: 'severity-changed',
    at,
    payload: { from: null, to },
  })
  const fired = (at: number): EventDraft => ({
    kind: 'reminder-fired',
    at,
    payload: { reminderId: 'inc-1:mitigation-check-in:1', title: 'Are users back?' },
  })
  const firstCheckIn = (log: IncidentLog, settings: Settings = S) =>
    schedule(log.incident, T0 + 16 * MINUTE, settings).find((r) => r.id === 'mitigation-check-in:1')
      ?.at

  it('comes again 5 minutes after it fired with no answer, for a SEV1 (the default)', () => {
    const log = new IncidentLog()
      .record(sev('SEV1', T0))
      .record(go('capture', 'mitigate', T0))
      .record(fired(T0 + 15 * MINUTE))
    expect(firstCheckIn(log)).toBe(T0 + 20 * MINUTE)
    log.record(fired(T0 + 20 * MINUTE))
    expect(firstCheckIn(log)).toBe(T0 + 25 * MINUTE)
  })

  it('stops when answered: snoozed waits for its time, dismissed is gone', () => {
    const log = new IncidentLog()
      .record(sev('SEV1', T0))
      .record(go('capture', 'mitigate', T0))
      .record(fired(T0 + 15 * MINUTE))
      .record({
        kind: 'reminder-snoozed',
        at: T0 + 16 * MINUTE,
        payload: {
          reminderId: 'inc-1:mitigation-check-in:1',
          title: 'Are users back?',
          until: T0 + 45 * MINUTE,
        },
      })
    expect(firstCheckIn(log)).toBe(T0 + 45 * MINUTE)
    log.record({
      kind: 'reminder-dismissed',
      at: T0 + 17 * MINUTE,
      payload: { reminderId: 'inc-1:mitigation-check-in:1', title: 'Are users back?' },
    })
    expect(firstCheckIn(log)).toBeUndefined()
  })

  it('fires once for a SEV3, or for a SEV2 unless the setting includes it', () => {
    for (const severity of ['SEV2', 'SEV3'] as const) {
      const log = new IncidentLog()
        .record(sev(severity, T0))
        .record(go('capture', 'mitigate', T0))
        .record(fired(T0 + 15 * MINUTE))
      expect(firstCheckIn(log)).toBe(T0 + 15 * MINUTE)
    }
    const sev2 = new IncidentLog()
      .record(sev('SEV2', T0))
      .record(go('capture', 'mitigate', T0))
      .record(fired(T0 + 15 * MINUTE))
    const both = { ...S, reminders: { ...S.reminders, repeatUntilAnswered: ['SEV1', 'SEV2'] } }
    expect(firstCheckIn(sev2, both as Settings)).toBe(T0 + 20 * MINUTE)
  })
})

describe('quiet hours and firing', () => {
  const quiet = { ...S.reminders, quietHours: { enabled: true, start: '22:00', end: '07:00' } }
  const withQuiet = { ...S, reminders: quiet }

  it('never silences an incident still being fought: a SEV1 opened at 03:00 gets its timebox', () => {
    const night = Date.UTC(2026, 10, 27, 3, 0)
    const log = new IncidentLog('inc-1', { now: night, title: 'x' })
    expect(schedule(log.incident, night, withQuiet)).toEqual([
      { id: 'capture-timebox', at: night + 5 * MINUTE },
    ])
    log.record(go('capture', 'mitigate', night + MINUTE))
    const checkIn = schedule(log.incident, night + 20 * MINUTE, withQuiet)[0]
    expect(checkIn?.id).toBe('mitigation-check-in:1')
    expect(checkIn?.at).toBe(night + 16 * MINUTE)
  })

  it('holds what comes after resolution until quiet hours end, across midnight', () => {
    const resolvedAt = Date.UTC(2026, 10, 25, 23, 0)
    const log = new IncidentLog('inc-1', { now: resolvedAt - HOUR, title: 'x' })
      .record(go('capture', 'fix', resolvedAt - HOUR))
      .record({ kind: 'resolved', at: resolvedAt, payload: {} })
    // The nudge (24 h later) lands at 23:00 the next night: it waits for 07:00.
    expect(schedule(log.incident, resolvedAt, withQuiet)[0]).toEqual({
      id: 'postmortem-nudge',
      at: Date.UTC(2026, 10, 27, 7, 0),
    })
  })

  it('never notifies what was already past when the record was entered (a back-filled incident)', () => {
    const enteredAt = Date.UTC(2026, 10, 27, 12, 0)
    const longAgo = Date.UTC(2024, 2, 1, 9, 0)
    const log = new IncidentLog('old', { now: enteredAt, startedAt: longAgo, title: 'x' })
      .record(go('capture', 'fix', enteredAt))
      .record({ kind: 'resolved', at: longAgo + HOUR, payload: {} })
    const due = dueReminders([log.incident], S, enteredAt)
    expect(due.map((r) => [r.id.split(':')[1], r.missed])).toEqual([
      ['postmortem-nudge', true],
      ['postmortem-deadline', true],
    ])
    expect(due.some((r) => needsFiring(r, enteredAt))).toBe(false)
  })

  it('fires once per due time, and again after a snooze', () => {
    const log = new IncidentLog()
    const due = () => dueReminders([log.incident], S, T0 + 6 * MINUTE)[0]!
    expect(needsFiring(due(), T0 + 6 * MINUTE)).toBe(true)
    log.record({
      kind: 'reminder-fired',
      at: T0 + 6 * MINUTE,
      payload: { reminderId: due().id, title: due().title },
    })
    expect(needsFiring(due(), T0 + 6 * MINUTE)).toBe(false)
    log.record({
      kind: 'reminder-snoozed',
      at: T0 + 7 * MINUTE,
      payload: { reminderId: due().id, title: due().title, until: T0 + 17 * MINUTE },
    })
    expect(needsFiring(due(), T0 + 10 * MINUTE)).toBe(false)
    expect(needsFiring(due(), T0 + 17 * MINUTE)).toBe(true)
  })
})

describe('summarizeDue', () => {
  const r = (incidentId: string, title: string) => ({ incidentId, title, body: `${title} body` })

  it('shows a few reminders one by one', () => {
    expect(summarizeDue([r('a', 'Are users back?'), r('b', 'Time to move on')])).toEqual([
      { incidentId: 'a', title: 'Are users back?', body: 'Are users back? body' },
      { incidentId: 'b', title: 'Time to move on', body: 'Time to move on body' },
    ])
  })

  it('turns a burst into one notification that names what is due', () => {
    const due = Array.from({ length: 40 }, (_, n) => r(`i${n % 2}`, `Reminder ${n}`))
    const summary = summarizeDue(due)
    expect(summary).toEqual([
      {
        title: '40 reminders: 2 incidents need attention',
        body: 'Reminder 0 · Reminder 1 · Reminder 2 · …',
      },
    ])
    expect(summarizeDue(due.filter((d) => d.incidentId === 'i0').slice(0, 3))).toEqual([
      {
        title: '3 reminders: 1 incident needs attention',
        body: 'Reminder 0 · Reminder 2 · Reminder 4',
        incidentId: 'i0',
      },
    ])
  })
})
