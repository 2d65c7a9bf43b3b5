import { IncidentLog } from '@shared/domain/test-helpers'
import type { Reminder } from '@shared/domain/reminders'
import { SYNC_LIMITS } from '@shared/ipc-contract'
import { describe, expect, it } from 'vitest'
import { NOTIFY_WITHIN_MS, firedRecords, toSchedule, trayStatus } from './engine'

const NOW = Date.UTC(2026, 10, 27, 3, 0)
const reminder = (n: number, over: Partial<Reminder> = {}): Reminder => ({
  id: `i${n % 3}:r${n}`,
  incidentId: `i${n % 3}`,
  rule: 'mitigationCheckIn',
  at: NOW - 60_000,
  title: `Reminder ${n}`,
  body: 'body',
  firedAt: null,
  missed: false,
  ...over,
})

describe('the schedule handed to the reminder clock', () => {
  it('holds what is due or coming, and leaves out what was missed, fired, or long past', () => {
    const ids = toSchedule(
      [
        reminder(1),
        reminder(2, { at: NOW + 60_000 }),
        reminder(3, { missed: true }),
        reminder(4, { firedAt: NOW - 60_000 }),
        reminder(5, { at: NOW - NOTIFY_WITHIN_MS - 1 }),
        reminder(6, { at: NOW - NOTIFY_WITHIN_MS }),
        // Snoozed after it fired: due again at its new time.
        reminder(7, { at: NOW + 600_000, firedAt: NOW - 60_000 }),
      ],
      NOW,
    ).map((r) => r.id)
    expect(ids).toEqual(['i1:r1', 'i2:r2', 'i0:r6', 'i1:r7'])
  })

  it('fits the limits the main process accepts', () => {
    const many = Array.from({ length: SYNC_LIMITS.reminders + 5 }, (_, n) =>
      reminder(n, { title: 'x'.repeat(SYNC_LIMITS.title + 1) }),
    )
    const schedule = toSchedule(many, NOW)
    expect(schedule).toHaveLength(SYNC_LIMITS.reminders)
    expect(schedule[0]?.title).toHaveLength(SYNC_LIMITS.title)
  })
})

describe('recording what fired', () => {
  it('writes each fired reminder to its timeline once, however often the clock says so', () => {
    const recorded = new Set<string>()
    const fired = toSchedule([reminder(1), reminder(2)], NOW)
    const first = firedRecords(fired, NOW, recorded)
    expect(first.map((r) => r.incidentId)).toEqual(['i1', 'i2'])
    expect(first[0]?.drafts[0]).toMatchObject({
      kind: 'reminder-fired',
      payload: { reminderId: 'i1:r1', title: 'Reminder 1' },
    })
    expect(firedRecords(fired, NOW + 1000, recorded)).toEqual([])
    // Snoozed and fired again at its new time: a new entry.
    const again = toSchedule([reminder(1, { at: NOW + 600_000 })], NOW)
    expect(firedRecords(again, NOW + 600_000, recorded)).toHaveLength(1)
  })
})

describe('the tray', () => {
  it('lists the incidents in progress and counts what is due', () => {
    const active = new IncidentLog('a').incident
    const closed = { ...new IncidentLog('b').incident, status: 'closed' as const }
    expect(trayStatus([active, closed], 7)).toEqual({
      activeIncidents: [{ id: 'a', title: 'Checkout returns 502' }],
      due: 7,
    })
  })
})
