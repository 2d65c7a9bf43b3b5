/**
 * Exports the review report: the Markdown file and its charts as SVG files, into one folder (the
 * desktop asks which; a browser downloads each). The charts are drawn in the light palette, so the
 * files read the same in any viewer.
 */
import type { ReportCharts } from '@shared/domain/report'
import type { MarkdownFile } from '@shared/ipc-contract'
import type { Platform } from '../../platform/platform'
import { LIGHT_PALETTE, durationChart, incidentsChart, svgFile, tallyChart } from './charts'
import type { ReportDraft } from './report-draft'

const WIDTH = 760

/** The report's files: the Markdown first, then one SVG per chart it shows. */
export function reportFiles({ markdown, charts, data }: ReportDraft): MarkdownFile[] {
  const o = { palette: LIGHT_PALETTE, width: WIDTH, document }
  const draw = (key: keyof ReportCharts, title: string): Element =>
    key === 'incidents'
      ? incidentsChart(data.buckets, data.unit, o)
      : key === 'factors'
        ? tallyChart(title, data.factors, o)
        : key === 'services'
          ? tallyChart(title, data.services, o)
          : durationChart(key, data.bySeverity[key], o)
  const svgs = (
    Object.entries(charts) as [keyof ReportCharts, { file: string; title: string }][]
  ).map(([key, { file, title }]): MarkdownFile => ({
    fileName: file,
    content: svgFile(draw(key, title)),
    kind: 'svg',
  }))
  return [markdown, ...svgs]
}

export async function exportReport(platform: Platform, draft: ReportDraft): Promise<string> {
  const files = reportFiles(draft)
  const result = await platform.saveFolder(files)
  return result.saved
    ? `Exported the report and ${files.length - 1} charts to ${result.where ?? 'a folder'}.`
    : 'Export cancelled.'
}
