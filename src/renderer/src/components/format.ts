import { format, isSameDay } from 'date-fns'

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

/** "2h 5m", "12m", "40s": for durations in prose. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))}s`
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  return [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean).join(' ')
}

export const formatTime = (ms: number, withDate: boolean): string =>
  format(ms, withDate ? 'd MMM HH:mm' : 'HH:mm')

export const formatDateTime = (ms: number, now: number): string =>
  isSameDay(ms, now) ? `today ${format(ms, 'HH:mm')}` : format(ms, 'EEE d MMM, HH:mm')

/** For <input type="datetime-local">, in the user's zone. */
export const toLocalInput = (ms: number): string => format(ms, "yyyy-MM-dd'T'HH:mm")

export function fromLocalInput(value: string): number | null {
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? ms : null
}
