import type { Reminder } from '@shared/domain/reminders'
import { describe, expect, it } from 'vitest'
import { dueCount, keyOf, reminderLists, withoutSettled } from './reminder-lists'

const reminder = (id: string, incidentId: string, at: number, missed = false): Reminder => ({
  id,
  incidentId,
  rule: 'mitigationCheckIn',
  at,
  title: id,
  body: '',
  firedAt: null,
  missed,
})

// Soonest first, as computed: two incidents due (b's earliest is sooner), one missed, two to come.
const reminders = [
  reminder('b1', 'b', 100),
  reminder('m1', 'm', 150, true),
  reminder('a1', 'a', 200),
  reminder('b2', 'b', 300),
  reminder('a2', 'a', 400),
  reminder('c1', 'c', 500),
]
const ids = (list: readonly Reminder[]) => list.map((r) => r.id)

describe('reminderLists', () => {
  it('splits at now (a reminder at now is due), by incident with the soonest first', () => {
    const lists = reminderLists(reminders, 300)
    expect(ids(lists.due)).toEqual(['b1', 'a1', 'b2'])
    expect(ids(lists.missed)).toEqual(['m1'])
    expect(ids(lists.upcoming)).toEqual(['a2', 'c1'])
    expect(lists.groups.map(([id, list]) => [id, ids(list)])).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ])
  })

  it('is split again only when one more comes due or the reminders are computed again', () => {
    const at300 = reminderLists(reminders, 300)
    expect(reminderLists(reminders, 399)).toBe(at300)
    const at400 = reminderLists(reminders, 400)
    expect(at400).not.toBe(at300)
    expect(ids(at400.due)).toEqual(['b1', 'a1', 'b2', 'a2'])
    expect(reminderLists([...reminders], 400)).not.toBe(at400)
  })
})

describe('withoutSettled', () => {
  const lists = reminderLists(reminders, 300)

  it('takes what was settled out of its own group, and a group left empty out of the list', () => {
    const settled = new Map([
      ['b', new Set([keyOf(reminders[0] as Reminder)])],
      ['a', new Set([keyOf(reminders[2] as Reminder)])],
    ])
    const left = withoutSettled(lists, settled, 30)
    expect(left.groups.map(([id, list]) => [id, ids(list)])).toEqual([['b', ['b2']]])
    expect(ids(left.due)).toEqual(['b2'])
    // The same reminder snoozed to another time is another key: it stays.
    const later = new Map([['b', new Set([`b1@${100 + 1}`])]])
    expect(ids(withoutSettled(lists, later, 30).due)).toEqual(['b1', 'b2', 'a1'])
  })

  it('shows the first of what comes that was not settled, and the missed that were not', () => {
    expect(ids(withoutSettled(lists, new Map(), 1).upcoming)).toEqual(['a2'])
    const settled = new Map([
      ['a', new Set([keyOf(reminders[4] as Reminder)])],
      ['m', new Set([keyOf(reminders[1] as Reminder)])],
    ])
    const left = withoutSettled(lists, settled, 1)
    expect(ids(left.upcoming)).toEqual(['c1'])
    expect(left.missed).toEqual([])
    // Nothing due was settled: all of it stays (by incident).
    expect(ids(left.due)).toEqual(['b1', 'b2', 'a1'])
  })
})

it('moves what comes due since the last split as a split from nothing would', () => {
  // Many incidents, some reminders at one moment, some missed: every step of the clock.
  const many = Array.from({ length: 400 }, (_, n) =>
    reminder(`r${n}`, `i${(n * 7) % 23}`, 1000 + Math.floor(n / 3) * 10, n % 11 === 0),
  )
  let last = reminderLists(many, 0)
  for (let now = 0; now <= 2400; now += 37) {
    const lists = reminderLists(many, now)
    expect(lists).toEqual(reminderLists([...many], now))
    expect(dueCount(many, now)).toBe(lists.due.length)
    // What was shown before is not changed under it.
    expect(last).toEqual(reminderLists([...many], Math.max(0, now - 37)))
    last = lists
  }
})
