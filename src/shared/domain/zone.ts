/**
 * Times as people read and type them, in one explicit time zone: the computer's, UTC, or one the
 * user chose. Everything shown or exported goes through here, so a screen, the timeline and the
 * Markdown file never disagree about what "14:02" means. @date-fns/tz does the zone arithmetic
 * (daylight saving included); nothing here reads the clock or the runtime's zone implicitly.
 */
import { TZDate, tzOffset } from '@date-fns/tz'
import { format } from 'date-fns'
import { DAY, MINUTE } from './time'

/** The setting: 'local' (this computer's zone), 'UTC', or an IANA zone name. */
export type ZoneChoice = string
export const LOCAL_ZONE: ZoneChoice = 'local'

export const runtimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

export function isKnownZone(zone: string): boolean {
  if (zone === 'UTC') return true
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The IANA name a choice stands for; an unknown name falls back to the computer's zone. */
export function resolveZone(choice: ZoneChoice, local: string = runtimeZone()): string {
  if (choice === LOCAL_ZONE || !isKnownZone(choice)) return local
  return choice
}

const inZone = (ms: number, zone: string) => new TZDate(ms, zone)

export const formatInZone = (ms: number, pattern: string, zone: string): string =>
  format(inZone(ms, zone), pattern)

/** "UTC", or "Europe/Berlin (UTC+02:00)" at the given moment (the offset changes with DST). */
export function zoneLabel(zone: string, at: number): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC'
  const offset = formatInZone(at, 'xxx', zone)
  return `${zone} (UTC${offset === 'Z' ? '+00:00' : offset})`
}

/** Each zone's offset on the UTC days it did not change (a review report dates 100,000 rows). */
const steadyDays = new Map<string, Map<number, number>>()

/**
 * The zone's offset at `ms`, in minutes: from the day's, when it is the same at the start and the
 * end of that UTC day; otherwise (a daylight-saving change that day) asked for this moment.
 */
function offsetAt(zone: string, ms: number): number {
  const day = Math.floor(ms / DAY)
  let days = steadyDays.get(zone)
  if (!days) steadyDays.set(zone, (days = new Map()))
  const known = days.get(day)
  if (known !== undefined) return known
  const start = tzOffset(zone, new Date(day * DAY))
  if (start === tzOffset(zone, new Date(day * DAY + DAY - 1))) {
    days.set(day, start)
    return start
  }
  return tzOffset(zone, new Date(ms))
}

/**
 * The wall clock in `zone` at `ms`, as a date whose UTC fields read it: the zone's offset (one
 * cached formatter), then plain UTC arithmetic, 1 µs where TZDate and format take 30 (a review
 * report of 100,000 incidents spent 3 s in them). Null outside years 1000–9999 or for an offset
 * the formatter cannot give.
 */
function wallClock(ms: number, zone: string): Date | null {
  const offset = offsetAt(zone, ms)
  const wall = new Date(ms + offset * MINUTE)
  const year = wall.getUTCFullYear()
  return Number.isFinite(offset) && year >= 1000 && year <= 9999 ? wall : null
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const two = (n: number) => String(n).padStart(2, '0')
const clockOf = (wall: Date) => `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`
const dateOf = (wall: Date) => `${wall.getUTCDate()} ${MONTHS[wall.getUTCMonth()]}`
const dayOf = (wall: Date) => `${dateOf(wall)} ${wall.getUTCFullYear()}`

/** A full stamp for documents: "3 Mar 2021, 14:02". */
export function formatStamp(ms: number, zone: string): string {
  const wall = wallClock(ms, zone)
  return wall ? `${dayOf(wall)}, ${clockOf(wall)}` : formatInZone(ms, 'd MMM yyyy, HH:mm', zone)
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** "Tue 3 Mar, 14:02", or "Wed 3 Mar 2021, 14:02" `withYear` (a reminder's time). */
export function formatWeekdayStamp(ms: number, zone: string, withYear: boolean): string {
  const wall = wallClock(ms, zone)
  if (!wall) return formatInZone(ms, withYear ? 'EEE d MMM yyyy, HH:mm' : 'EEE d MMM, HH:mm', zone)
  const day = withYear ? dayOf(wall) : dateOf(wall)
  return `${WEEKDAYS[wall.getUTCDay()]} ${day}, ${clockOf(wall)}`
}

/** The calendar day in `zone`: "2021-03-03" (a file name, a day separator, a due date). */
export function isoDay(ms: number, zone: string): string {
  const wall = wallClock(ms, zone)
  return wall
    ? `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`
    : formatInZone(ms, 'yyyy-MM-dd', zone)
}

/** A date for documents: "3 Mar 2021" (formatStamp's day). */
export function formatStampDay(ms: number, zone: string): string {
  const wall = wallClock(ms, zone)
  return wall ? dayOf(wall) : formatInZone(ms, 'd MMM yyyy', zone)
}

/**
 * A time for a list or a timeline: "14:02", with the day when `withDate` ("3 Mar 14:02"), and the
 * year whenever it is not the current one ("3 Mar 2021, 14:02"). By the wall clock, as the stamps
 * are: an incident's timeline of 200 entries spent 45 ms in TZDate and format as it opened.
 */
export function formatClock(
  ms: number,
  options: { zone: string; now: number; withDate: boolean },
): string {
  const { zone, now, withDate } = options
  const wall = wallClock(ms, zone)
  const thisYear = yearIn(ms, zone) === yearIn(now, zone)
  if (!wall)
    return formatInZone(
      ms,
      thisYear ? (withDate ? 'd MMM HH:mm' : 'HH:mm') : 'd MMM yyyy, HH:mm',
      zone,
    )
  if (!thisYear) return `${dayOf(wall)}, ${clockOf(wall)}`
  return withDate ? `${dateOf(wall)} ${clockOf(wall)}` : clockOf(wall)
}

/** A date alone: "3 Mar", or "3 Mar 2021" outside the current year. */
export function formatDay(ms: number, zone: string, now: number): string {
  const wall = wallClock(ms, zone)
  const thisYear = yearIn(ms, zone) === yearIn(now, zone)
  if (!wall) return formatInZone(ms, thisYear ? 'd MMM' : 'd MMM yyyy', zone)
  return thisYear ? dateOf(wall) : dayOf(wall)
}

/** The year in `zone` (by the formatter outside the years the wall clock reads). */
const yearIn = (ms: number, zone: string): string =>
  String(wallClock(ms, zone)?.getUTCFullYear() ?? formatInZone(ms, 'yyyy', zone))

/** For <input type="datetime-local">: the wall-clock time in `zone`. */
export const toZoneInput = (ms: number, zone: string): string =>
  formatInZone(ms, "yyyy-MM-dd'T'HH:mm", zone)

/**
 * A wall-clock time typed in `zone` ("2024-07-19T04:09") as epoch milliseconds; null when it is not
 * a real date and time (30 February, 25:00, an empty field, a year beyond 9999).
 */
export function fromZoneInput(value: string, zone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim())
  if (!match) return null
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = match.slice(1).map((p) => Number(p ?? 0))
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null
  const date = new TZDate(y, mo - 1, d, h, mi, s, zone)
  const ms = date.getTime()
  // 31 April rolls over to 1 May: refuse it rather than save a day nobody typed.
  if (!Number.isFinite(ms) || date.getDate() !== d) return null
  return ms
}

/** What a time field shows and takes back: "2026-11-27 14:02", 24-hour, in the shown zone. */
export const toTypedTime = (ms: number, zone: string): string =>
  formatInZone(ms, 'yyyy-MM-dd HH:mm', zone)

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * A time as people type it under pressure, in `zone`, relative to `now`:
 * "14:32" (today, or yesterday when today's would be in the future), "yesterday 23:40",
 * "-10m", "10 min ago", "2h ago", "now", or a full "2026-11-27 14:32" (a "T" works too).
 * Null when it is none of these or not a real time (25:00, 30 February).
 */
export function parseTypedTime(text: string, now: number, zone: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ')
  if (t === 'now') return now
  const relative =
    /^(?:-\s*(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)|(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?) ago)$/.exec(
      t,
    )
  if (relative) {
    const amount = Number(relative[1] ?? relative[3])
    const unit = UNITS[(relative[2] ?? relative[4] ?? 'm')[0] ?? 'm'] ?? 0
    return now - amount * unit
  }
  const full = /^(\d{4}-\d{2}-\d{2})[ t](\d{1,2}:\d{2}(?::\d{2})?)$/.exec(t)
  if (full) return fromZoneInput(`${full[1]}T${pad(full[2] ?? '')}`, zone)
  const clock = /^(yesterday |today )?(\d{1,2}:\d{2})$/.exec(t)
  if (!clock) return null
  const today = formatInZone(now, 'yyyy-MM-dd', zone)
  const at = fromZoneInput(`${today}T${pad(clock[2] ?? '')}`, zone)
  if (at === null) return null
  if (clock[1] === 'yesterday ') return dayBefore(at, zone)
  // "14:32" typed at 09:00 means yesterday afternoon, not a time still to come.
  return !clock[1] && at > now + 60_000 ? dayBefore(at, zone) : at
}

const pad = (clock: string) => (clock.length === 4 || /^\d:/.test(clock) ? `0${clock}` : clock)

/** The same wall-clock time one calendar day earlier (23 or 25 hours across a DST change). */
function dayBefore(ms: number, zone: string): number | null {
  const wall = formatInZone(ms - DAY, 'yyyy-MM-dd', zone)
  return fromZoneInput(`${wall}T${formatInZone(ms, 'HH:mm', zone)}`, zone)
}
