/**
 * Times on screen, always in the zone the user chose to be shown (Settings → Show times in): the
 * shared zone functions do the work, this file only knows where the choice is kept.
 */
import {
  formatClock,
  formatDay,
  isoDay,
  formatWeekdayStamp,
  fromZoneInput,
  resolveZone,
  toZoneInput,
  zoneLabel,
} from '@shared/domain/zone'
import { useUi } from '../stores/ui-store'

// Resolving a choice asks Intl (a formatter per call): every time on screen would pay for it, so
// the answer is kept until the choice changes.
let resolved = { choice: '', zone: '' }
const resolveChoice = (choice: string): string => {
  if (resolved.choice !== choice) resolved = { choice, zone: resolveZone(choice) }
  return resolved.zone
}

/** The IANA zone times are shown and typed in now. */
export const shownZone = (): string => resolveChoice(useUi.getState().timeZone)

/** The shown zone, re-rendering its user when the choice changes. */
export function useShownZone(): string {
  return resolveChoice(useUi((s) => s.timeZone))
}

/** The calendar day of a time in the shown zone ("2024-07-19"): for "does this span days?". */
export const shownDay = (ms: number): string => isoDay(ms, shownZone())

/** "UTC" or "Europe/Berlin (UTC+01:00)": what time fields say they are in. */
export const shownZoneLabel = (at = Date.now()): string => zoneLabel(shownZone(), at)

/** 00:07:42, or 2d 03:10 once past a day. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const days = Math.floor(total / 86_400)
  const h = Math.floor((total % 86_400) / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return days ? `${days}d ${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`
}

export { formatDuration } from '@shared/domain/time'

/** "14:02", "3 Mar 14:02" with the date, "3 Mar 2021, 14:02" outside this year. */
export const formatTime = (ms: number, withDate: boolean, now = Date.now()): string =>
  formatClock(ms, { zone: shownZone(), now, withDate })

/** "today 14:02", "Tue 3 Mar, 14:02", or with the year outside this one. */
export function formatDateTime(ms: number, now: number): string {
  const zone = shownZone()
  const [day, today] = [shownDay(ms), shownDay(now)]
  if (day === today) return `today ${formatClock(ms, { zone, now: ms, withDate: false })}`
  return formatWeekdayStamp(ms, zone, day.slice(0, 4) !== today.slice(0, 4))
}

/** A date alone: "3 Mar", or "3 Mar 2021" outside this year. */
export const formatDate = (ms: number, now = Date.now()): string => formatDay(ms, shownZone(), now)

/** For <input type="datetime-local">, in the shown zone. */
export const toLocalInput = (ms: number): string => toZoneInput(ms, shownZone())

export const fromLocalInput = (value: string): number | null => fromZoneInput(value, shownZone())
