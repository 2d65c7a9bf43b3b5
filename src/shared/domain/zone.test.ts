import { describe, expect, it } from 'vitest'
import {
  formatClock,
  formatDay,
  formatInZone,
  formatStamp,
  formatStampDay,
  isoDay,
  formatWeekdayStamp,
  fromZoneInput,
  parseTypedTime,
  resolveZone,
  toTypedTime,
  toZoneInput,
  zoneLabel,
} from './zone'

// CrowdStrike's channel file 291 went out at 04:09 UTC on 19 July 2024.
const AT = Date.UTC(2024, 6, 19, 4, 9)
const NOW = Date.UTC(2026, 10, 27, 12, 0)

describe('time zones', () => {
  it('types and reads a wall-clock time in the chosen zone, DST included', () => {
    expect(fromZoneInput('2024-07-19T04:09', 'UTC')).toBe(AT)
    expect(fromZoneInput('2024-07-19T00:09', 'America/New_York')).toBe(AT)
    expect(fromZoneInput('2024-07-19T13:09', 'Asia/Tokyo')).toBe(AT)
    // Winter: New York is UTC−5, not −4.
    expect(fromZoneInput('2024-01-19T00:09', 'America/New_York')).toBe(Date.UTC(2024, 0, 19, 5, 9))
    expect(toZoneInput(AT, 'America/New_York')).toBe('2024-07-19T00:09')
    expect(toZoneInput(AT, 'UTC')).toBe('2024-07-19T04:09')
  })

  it('refuses what cannot be a time instead of saving another day', () => {
    for (const bad of [
      '',
      '2024-02-30T10:00',
      '2024-13-01T10:00',
      '2024-04-31T10:00',
      '2024-07-19T24:00',
      'yesterday',
      '99999-01-01T00:00',
    ])
      expect(fromZoneInput(bad, 'UTC'), bad).toBeNull()
    expect(fromZoneInput('2024-02-29T10:00', 'UTC')).toBe(Date.UTC(2024, 1, 29, 10))
  })

  it('shows the year whenever it is not the current one', () => {
    expect(formatClock(AT, { zone: 'UTC', now: NOW, withDate: false })).toBe('19 Jul 2024, 04:09')
    const thisYear = Date.UTC(2026, 2, 3, 14, 2)
    expect(formatClock(thisYear, { zone: 'UTC', now: NOW, withDate: false })).toBe('14:02')
    expect(formatClock(thisYear, { zone: 'UTC', now: NOW, withDate: true })).toBe('3 Mar 14:02')
    expect(formatDay(AT, 'UTC', NOW)).toBe('19 Jul 2024')
    expect(formatDay(thisYear, 'UTC', NOW)).toBe('3 Mar')
    // New Year's Eve in UTC is already next year in Tokyo.
    const eve = Date.UTC(2025, 11, 31, 20, 0)
    expect(formatClock(eve, { zone: 'UTC', now: NOW, withDate: true })).toBe('31 Dec 2025, 20:00')
    expect(formatClock(eve, { zone: 'Asia/Tokyo', now: NOW, withDate: true })).toBe('1 Jan 05:00')
  })

  it('names the zone with its offset at that moment', () => {
    expect(zoneLabel('UTC', AT)).toBe('UTC')
    expect(zoneLabel('Europe/Berlin', AT)).toBe('Europe/Berlin (UTC+02:00)')
    expect(zoneLabel('Europe/Berlin', Date.UTC(2024, 0, 1))).toBe('Europe/Berlin (UTC+01:00)')
    expect(formatStamp(AT, 'Asia/Kolkata')).toBe('19 Jul 2024, 09:39')
  })

  it("resolves 'local' and unknown names to the computer's zone", () => {
    expect(resolveZone('local', 'Europe/Paris')).toBe('Europe/Paris')
    expect(resolveZone('Mars/Olympus', 'Europe/Paris')).toBe('Europe/Paris')
    expect(resolveZone('UTC', 'Europe/Paris')).toBe('UTC')
    expect(resolveZone('Asia/Tokyo', 'Europe/Paris')).toBe('Asia/Tokyo')
  })
})

describe('parseTypedTime', () => {
  // 27 Nov 2026, 09:00 in Berlin (08:00 UTC).
  const now = Date.UTC(2026, 10, 27, 8, 0)
  const berlin = 'Europe/Berlin'
  const at = (text: string, zone = berlin) => {
    const ms = parseTypedTime(text, now, zone)
    return ms === null ? null : new Date(ms).toISOString()
  }

  it.each([
    ['08:30', '2026-11-27T07:30:00.000Z'],
    ['8:30', '2026-11-27T07:30:00.000Z'],
    ['14:32', '2026-11-26T13:32:00.000Z'],
    ['today 08:30', '2026-11-27T07:30:00.000Z'],
    ['yesterday 23:40', '2026-11-26T22:40:00.000Z'],
    ['Yesterday  23:40', '2026-11-26T22:40:00.000Z'],
    ['-10m', '2026-11-27T07:50:00.000Z'],
    ['10 min ago', '2026-11-27T07:50:00.000Z'],
    ['2h ago', '2026-11-27T06:00:00.000Z'],
    ['-1d', '2026-11-26T08:00:00.000Z'],
    ['now', '2026-11-27T08:00:00.000Z'],
    ['2026-11-20 14:02', '2026-11-20T13:02:00.000Z'],
    ['2026-11-20T14:02', '2026-11-20T13:02:00.000Z'],
  ])('reads %j in Berlin as %s', (text, iso) => {
    expect(at(text)).toBe(iso)
  })

  it.each(['', 'soon', '25:00', '14:60', '2026-02-30 10:00', '-m', '10 parsecs ago', '1432'])(
    'refuses %j',
    (text) => {
      expect(at(text)).toBeNull()
    },
  )

  it('keeps the wall-clock time across a DST change ("yesterday" is 25 hours before)', () => {
    // 26 Oct 2026, 12:00 in Berlin: the clocks went back on the 25th.
    const monday = Date.UTC(2026, 9, 26, 11, 0)
    const ms = parseTypedTime('yesterday 12:00', monday, berlin)
    expect(new Date(ms ?? 0).toISOString()).toBe('2026-10-25T11:00:00.000Z')
  })

  it('shows what it takes back', () => {
    expect(toTypedTime(Date.UTC(2026, 10, 20, 13, 2), berlin)).toBe('2026-11-20 14:02')
    expect(parseTypedTime(toTypedTime(now, 'UTC'), now, 'UTC')).toBe(now)
  })
})

describe('formatStamp, formatStampDay, formatClock and formatDay', () => {
  it('reads as date-fns formats it, in every zone, across daylight-saving changes and centuries', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe', // a 30-minute DST shift
      'Asia/Kathmandu', // +05:45
      'Pacific/Chatham', // +12:45 / +13:45
      'America/St_Johns', // -03:30
      'Europe/Amsterdam', // +00:19:32 before 1937
      'Africa/Monrovia', // -00:44:30 before 1972
    ]
    // Every 817 hours 13 minutes from 1900 to 2040 (each hour of the day in turn), and the edges
    // of a DST change.
    const times: number[] = []
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2040, 0, 1); t += 817 * 3_600_000 + 13 * 60_000)
      times.push(t)
    times.push(Date.UTC(2026, 2, 29, 0, 59, 59), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1))
    for (const zone of zones)
      for (const t of times)
        for (const [fast, pattern] of [
          [formatStamp, 'd MMM yyyy, HH:mm'],
          [formatStampDay, 'd MMM yyyy'],
          [isoDay, 'yyyy-MM-dd'],
          [(t: number, z: string) => formatWeekdayStamp(t, z, true), 'EEE d MMM yyyy, HH:mm'],
          [(t: number, z: string) => formatWeekdayStamp(t, z, false), 'EEE d MMM, HH:mm'],
        ] as const)
          if (fast(t, zone) !== formatInZone(t, pattern, zone))
            expect([zone, t, fast(t, zone)]).toEqual([zone, t, formatInZone(t, pattern, zone)])
    // As a list or a timeline shows them: the year only outside the current one (now the same
    // moment, or 200 days later: the next year about half the time, and a New Year's Eve).
    const year = (ms: number, zone: string) => formatInZone(ms, 'yyyy', zone)
    const expected = (t: number, now: number, zone: string, withDate: boolean) =>
      year(t, zone) !== year(now, zone)
        ? [formatInZone(t, 'd MMM yyyy, HH:mm', zone), formatInZone(t, 'd MMM yyyy', zone)]
        : [
            formatInZone(t, withDate ? 'd MMM HH:mm' : 'HH:mm', zone),
            formatInZone(t, 'd MMM', zone),
          ]
    // Now the same moment or 200 days later, with the date or not, in turn.
    for (const zone of zones)
      times.forEach((t, n) => {
        const now = n % 2 ? t : t + 200 * 86_400_000
        const withDate = n % 4 < 2
        const shown = [formatClock(t, { zone, now, withDate }), formatDay(t, zone, now)]
        const wanted = expected(t, now, zone, withDate)
        if (shown.join() !== wanted.join())
          expect([zone, t, now, ...shown]).toEqual([zone, t, now, ...wanted])
      })
  }, 20_000) // about 3 s alone; more beside the other test files on two cores
})
