/**
 * The review report before its charts are drawn: its Markdown and the little its charts are drawn
 * from. Pure (no DOM), so the metrics worker makes it where the metrics are computed.
 */
import { DURATIONS, type DurationKey, type PeriodMetrics } from '@shared/domain/metrics'
import type { Period } from '@shared/domain/periods'
import { reviewReport, type ReportCharts } from '@shared/domain/report'
import { isoDay } from '@shared/domain/zone'

/** "2026-11-27-reliability-review-2026-q3": the report's files (and its PDF) are named after it. */
export const reportName = (period: Period, ctx: { now: number; zone: string }): string =>
  `${isoDay(ctx.now, ctx.zone)}-reliability-review-${period.slug.toLowerCase()}`

/**
 * The report before its charts are drawn: its Markdown and the little its charts are drawn from.
 * Made where the metrics are computed (the metrics worker: at 100,000 incidents the report's
 * table alone is tens of megabytes of Markdown), with no DOM; the page then draws the charts.
 */
export interface ReportDraft {
  markdown: { fileName: string; content: string }
  charts: ReportCharts
  data: Pick<PeriodMetrics, 'buckets' | 'unit' | 'factors' | 'services'> & {
    bySeverity: Record<DurationKey, PeriodMetrics['durations'][DurationKey]['bySeverity']>
  }
}

export function reportDraft(
  metrics: PeriodMetrics,
  period: Period,
  ctx: { now: number; zone: string; rows?: ReadonlyMap<string, string> },
): ReportDraft {
  const base = reportName(period, ctx)
  const charts: ReportCharts = {}
  const add = (key: keyof ReportCharts, title: string) =>
    (charts[key] = { file: `${base}-${key}.svg`, title })
  const bySeverity = {} as ReportDraft['data']['bySeverity']
  for (const key of Object.keys(DURATIONS) as DurationKey[])
    bySeverity[key] = metrics.durations[key].bySeverity
  if (metrics.incidents.length) {
    add('incidents', `Incidents per ${metrics.unit}, by severity`)
    for (const key of Object.keys(DURATIONS) as DurationKey[])
      if (bySeverity[key].length) add(key, DURATIONS[key])
  }
  if (metrics.factors.length) add('factors', 'Contributing factor categories')
  if (metrics.services.length) add('services', 'Services involved')
  const { buckets, unit, factors, services } = metrics
  return {
    markdown: {
      fileName: `${base}.md`,
      content: reviewReport(metrics, period, { ...ctx, charts }),
    },
    charts,
    data: { buckets, unit, factors, services, bySeverity },
  }
}
