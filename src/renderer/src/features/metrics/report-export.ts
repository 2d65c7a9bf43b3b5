/**
 * Exports the review report: the Markdown file and its charts as SVG files, into one folder (the
 * desktop asks which; a browser downloads each). The charts are drawn in the light palette, so the
 * files read the same in any viewer.
 */
import { DURATIONS, type DurationKey, type PeriodMetrics } from '@shared/domain/metrics'
import type { Period } from '@shared/domain/periods'
import { reviewReport, type ReportCharts } from '@shared/domain/report'
import { formatInZone } from '@shared/domain/zone'
import type { MarkdownFile } from '@shared/ipc-contract'
import { shownZone } from '../../components/format'
import type { Platform } from '../../platform/platform'
import { LIGHT_PALETTE, durationChart, incidentsChart, svgFile, tallyChart } from './charts'

const WIDTH = 760

/** "2026-11-27-reliability-review-2026-q3": the report's files (and its PDF) are named after it. */
export const reportName = (period: Period, ctx: { now: number; zone: string }): string =>
  `${formatInZone(ctx.now, 'yyyy-MM-dd', ctx.zone)}-reliability-review-${period.slug.toLowerCase()}`

/** The report's files: the Markdown first, then one SVG per chart it shows. */
export function reportFiles(
  metrics: PeriodMetrics,
  period: Period,
  ctx: { now: number; zone: string },
): MarkdownFile[] {
  const base = reportName(period, ctx)
  const o = { palette: LIGHT_PALETTE, width: WIDTH, document }
  const charts: ReportCharts = {}
  const svgs: MarkdownFile[] = []
  const add = (key: keyof ReportCharts, title: string, draw: () => Element) => {
    const file = `${base}-${key}.svg`
    charts[key] = { file, title }
    svgs.push({ fileName: file, content: svgFile(draw()), kind: 'svg' })
  }
  if (metrics.incidents.length) {
    add('incidents', `Incidents per ${metrics.unit}, by severity`, () =>
      incidentsChart(metrics.buckets, metrics.unit, o),
    )
    for (const key of Object.keys(DURATIONS) as DurationKey[]) {
      const groups = metrics.durations[key].bySeverity
      if (groups.length) add(key, DURATIONS[key], () => durationChart(key, groups, o))
    }
  }
  if (metrics.factors.length)
    add('factors', 'Contributing factor categories', () =>
      tallyChart('Contributing factor categories', metrics.factors, o),
    )
  if (metrics.services.length)
    add('services', 'Services involved', () => tallyChart('Services involved', metrics.services, o))
  return [
    { fileName: `${base}.md`, content: reviewReport(metrics, period, { ...ctx, charts }) },
    ...svgs,
  ]
}

export async function exportReport(
  platform: Platform,
  metrics: PeriodMetrics,
  period: Period,
): Promise<string> {
  const start = performance.now()
  const files = reportFiles(metrics, period, { now: Date.now(), zone: shownZone() })
  const result = await platform.saveFolder(files)
  performance.measure('steady:report-export', { start })
  return result.saved
    ? `Exported the report and ${files.length - 1} charts to ${result.where ?? 'a folder'}.`
    : 'Export cancelled.'
}
