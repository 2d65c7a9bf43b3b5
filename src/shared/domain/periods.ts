/**
 * The periods a review looks at ("last quarter", "this year", or chosen dates), as [from, to) in
 * the user's time zone: a quarter starts at midnight where the team is, not in UTC.
 */
import { TZDate } from '@date-fns/tz'
import {
  addDays,
  addQuarters,
  addYears,
  format,
  getQuarter,
  startOfDay,
  startOfQuarter,
  startOfYear,
  subDays,
} from 'date-fns'

export const PERIODS = {
  'last-30': 'Last 30 days',
  'this-quarter': 'This quarter',
  'last-quarter': 'Last quarter',
  'this-year': 'This year',
  'last-year': 'Last year',
  all: 'All time',
  custom: 'Chosen dates',
} as const
export type PeriodKind = keyof typeof PERIODS

export interface Period {
  from: number
  to: number
  /** "Q3 2026", "2026", "1 Sep – 30 Nov 2026": for titles and file names. */
  label: string
  /** A file-name-safe form of the label: "2026-Q3". */
  slug: string
}

/** Chosen dates are calendar days ("2026-09-01"), both included. */
export function periodOf(
  kind: PeriodKind,
  ctx: { now: number; zone: string; fromDay?: string; toDay?: string },
): Period {
  const now = new TZDate(ctx.now, ctx.zone)
  const quarter = (start: Date): Period => ({
    from: start.getTime(),
    to: addQuarters(start, 1).getTime(),
    label: `Q${getQuarter(start)} ${format(start, 'yyyy')}`,
    slug: `${format(start, 'yyyy')}-Q${getQuarter(start)}`,
  })
  const year = (start: Date): Period => ({
    from: start.getTime(),
    to: addYears(start, 1).getTime(),
    label: format(start, 'yyyy'),
    slug: format(start, 'yyyy'),
  })
  switch (kind) {
    case 'this-quarter':
      return quarter(startOfQuarter(now))
    case 'last-quarter':
      return quarter(addQuarters(startOfQuarter(now), -1))
    case 'this-year':
      return year(startOfYear(now))
    case 'last-year':
      return year(addYears(startOfYear(now), -1))
    case 'all':
      return { from: 0, to: ctx.now + 1, label: 'All time', slug: 'all-time' }
    case 'last-30':
      return days(subDays(startOfDay(now), 29), startOfDay(now))
    case 'custom': {
      // A day that does not exist (31 February) is not quietly moved to March: it is ignored.
      const day = (value: string | undefined, fallback: Date) => {
        const parsed = new TZDate(`${value}T00:00`, ctx.zone)
        return value && !Number.isNaN(parsed.getTime()) && format(parsed, 'yyyy-MM-dd') === value
          ? parsed
          : fallback
      }
      const from = day(ctx.fromDay, subDays(startOfDay(now), 29))
      const to = day(ctx.toDay, startOfDay(now))
      return to < from ? days(to, from) : days(from, to)
    }
  }
}

/** From the first day to the last, both included. */
function days(first: Date, last: Date): Period {
  const sameYear = format(first, 'yyyy') === format(last, 'yyyy')
  return {
    from: first.getTime(),
    to: addDays(last, 1).getTime(),
    label: `${format(first, sameYear ? 'd MMM' : 'd MMM yyyy')} – ${format(last, 'd MMM yyyy')}`,
    slug: `${format(first, 'yyyy-MM-dd')}-to-${format(last, 'yyyy-MM-dd')}`,
  }
}
