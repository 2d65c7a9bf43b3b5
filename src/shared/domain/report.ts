/**
 * The review report for a period, as Markdown beside its charts' SVG files: what a team lead
 * brings to a quarterly reliability review. Everything the user typed is escaped, so a title
 * can never become a link, an image or HTML in the file.
 */
import { escapeInline, markdownRow, markdownTable, markdownTableOf } from '../markdown-text'
import {
  DURATIONS,
  FEW,
  kindOf,
  practiceNote,
  type DurationKey,
  type PeriodMetrics,
} from './metrics'
import { incidentTitle, type ActionItem } from './model'
import type { Period } from './periods'
import { formatAge, formatDuration } from './time'
import { INCIDENT_KIND_LABELS, STATUS_LABELS, plural } from './vocabulary'
import { formatStamp, formatStampDay, zoneLabel } from './zone'

/** The chart files written beside the report, by what they show (absent: not drawn). */
export type ReportCharts = Partial<
  Record<'incidents' | DurationKey | 'factors' | 'services', { file: string; title: string }>
>

const percent = (part: number, whole: number) =>
  whole ? `${part} of ${whole} (${Math.round((part / whole) * 100)}%)` : 'none yet'

const image = (chart: ReportCharts[keyof ReportCharts]) =>
  chart ? [`![${escapeInline(chart.title)}](${chart.file})`, ''] : []

/** " (drill)" after a drill's title, nothing after an incident's. */
const kindNote = (kind: ReturnType<typeof kindOf>) =>
  kind === 'incident' ? '' : ` (${INCIDENT_KIND_LABELS[kind].toLowerCase()})`

/** One line about an incident: its cause when known, else what was seen. */
function oneLine(i: PeriodMetrics['incidents'][number]): string {
  const text = i.rootCause.summary.trim() || i.symptoms.trim().split('\n')[0] || ''
  return text.length > 160 ? `${text.slice(0, 159)}…` : text
}

/** An incident's row in the report's table of incidents, its times in `zone`. */
export function incidentRow(i: PeriodMetrics['incidents'][number], zone: string): string {
  return markdownRow([
    formatStamp(i.startedAt, zone),
    i.severity ?? '',
    escapeInline(incidentTitle(i)) + kindNote(kindOf(i)),
    escapeInline(i.services.join(', ')),
    STATUS_LABELS[i.status],
    escapeInline(oneLine(i)),
  ])
}

export function reviewReport(
  m: PeriodMetrics,
  period: Period,
  ctx: {
    zone: string
    now: number
    charts: ReportCharts
    /** Incidents' rows already made (`incidentRow`), by id: made while the rest were read. */
    rows?: ReadonlyMap<string, string>
  },
): string {
  const { zone, charts } = ctx
  const day = (ms: number) => formatStampDay(ms, zone)
  const n = m.incidents.length
  const practice = practiceNote(m.practice)
  // One walk over the incidents (100,000 of them in a review of all time): their rows, how many
  // were practice, and the titles the open items name.
  const wanted = new Set(m.actionItems.openItems.map((item) => item.incidentId))
  const titles = new Map<string, string>()
  let counted = 0
  const rows = m.incidents.map((i) => {
    if (kindOf(i) !== 'incident') counted++
    if (wanted.has(i.id)) titles.set(i.id, incidentTitle(i))
    return ctx.rows?.get(i.id) ?? incidentRow(i, zone)
  })
  const lines: string[] = [
    `# Reliability review: ${period.label}`,
    '',
    `From ${day(period.from)} to ${day(Math.min(period.to, ctx.now) - 1)}, times in ${zoneLabel(zone, period.from)}. ` +
      `Written by Steady on ${day(ctx.now)}.`,
    '',
    `${plural(n, 'incident')} started in the period` +
      (counted ? `, ${counted} of them drills or near misses` : '') +
      (practice && !counted ? ` (${practice} not counted)` : '') +
      '.' +
      (n > 0 && n < FEW ? ` With so few, read the numbers as stories, not trends.` : ''),
    '',
  ]
  if (n === 0) return [...lines, 'Nothing to review.', ''].join('\n')

  const median = (key: DurationKey) => {
    const d = m.durations[key].all
    return d ? `${formatDuration(d.median)} (p90 ${formatDuration(d.p90)}, ${d.count})` : 'none yet'
  }
  const { postmortems: pm, actionItems: ai } = m
  lines.push(
    '## Summary',
    '',
    markdownTable([
      ['Measure', 'Value'],
      ['Incidents', String(n)],
      ...(Object.keys(DURATIONS) as DurationKey[]).map((key) => [
        `Median ${DURATIONS[key].toLowerCase()}`,
        median(key),
      ]),
      [
        `Post-mortems final within ${pm.deadlineHours} hours`,
        percent(pm.onTime, pm.onTime + pm.late),
      ],
      ['Action items done within two weeks', percent(ai.twoWeeks.onTime, ai.twoWeeks.counted)],
      ['Action items open', String(ai.open)],
      ['Action items overdue', String(ai.overdue.length)],
    ]),
    '',
    '## Incidents',
    '',
    ...image(charts.incidents),
    markdownTableOf(['Started', 'Severity', 'Incident', 'Services', 'Status', 'In one line'], rows),
    '',
    '## How long it took',
    '',
    'Measured from when impact started; medians and 90th percentiles, not averages.',
    '',
  )
  for (const key of Object.keys(DURATIONS) as DurationKey[]) {
    const { bySeverity, byService } = m.durations[key]
    if (bySeverity.length === 0) continue
    lines.push(
      `### ${DURATIONS[key]}`,
      '',
      ...image(charts[key]),
      markdownTable([
        ['Group', 'Incidents', 'Median', 'p90', 'Fastest', 'Slowest'],
        ...[
          ...bySeverity.map((g) => ({ ...g, group: `Severity: ${g.group}` })),
          ...byService.map((g) => ({ ...g, group: `Service: ${g.group}` })),
        ].map(({ group, distribution: d }) => [
          escapeInline(group),
          String(d.count),
          formatDuration(d.median),
          formatDuration(d.p90),
          formatDuration(d.min),
          formatDuration(d.max),
        ]),
      ]),
      '',
    )
  }
  lines.push('## What keeps coming up', '')
  if (m.services.length)
    lines.push(
      ...image(charts.services),
      'Services: ' + m.services.map((s) => `${escapeInline(s.name)} (${s.count})`).join(', ') + '.',
      '',
    )
  lines.push(
    ...(m.factors.length
      ? [
          ...image(charts.factors),
          markdownTable([
            ['Contributing factor category', 'Incidents'],
            ...m.factors.map((f) => [escapeInline(f.name), String(f.count)]),
          ]),
        ]
      : ['No contributing factors were recorded.']),
    '',
    '## Open action items, by owner',
    '',
  )
  lines.push(...itemsByOwner(ai.openItems, titles, ctx), ...questions(m), '')
  return lines.join('\n')
}

function itemsByOwner(
  items: readonly ActionItem[],
  /** The title of each item's incident. */
  titles: ReadonlyMap<string, string>,
  ctx: { zone: string; now: number },
): string[] {
  if (items.length === 0) return ['None open.', '']
  const owners = new Map<string, ActionItem[]>()
  for (const item of items) {
    const owner = item.owner.trim() || 'Nobody yet'
    const list = owners.get(owner)
    if (list) list.push(item)
    else owners.set(owner, [item])
  }
  return [...owners]
    .sort(([a], [b]) => (a === 'Nobody yet' ? 1 : b === 'Nobody yet' ? -1 : a.localeCompare(b)))
    .flatMap(([owner, list]) => [
      `### ${escapeInline(owner)}`,
      '',
      ...list.map((item) => {
        const due =
          item.dueAt === null
            ? 'no due date'
            : `due ${formatStampDay(item.dueAt, ctx.zone)}` +
              (item.dueAt < ctx.now ? `, overdue by ${formatAge(ctx.now - item.dueAt)}` : '')
        return `- ${escapeInline(item.title)} (${escapeInline(titles.get(item.incidentId) ?? '')}): ${due}`
      }),
      '',
    ])
}

/** Questions for the meeting, from what the numbers show, then the ones always worth asking. */
function questions(m: PeriodMetrics): string[] {
  const asked: string[] = []
  const service = m.services[0]
  if (service && service.count > 1)
    asked.push(
      `${escapeInline(service.name)} was involved in ${service.count} incidents. What do they have in common, and would one change do more than their separate fixes?`,
    )
  const factor = m.factors[0]
  if (factor && factor.count > 1)
    asked.push(
      `“${escapeInline(factor.name)}” contributed ${factor.count} times. What would make it rarer?`,
    )
  const oldest = m.actionItems.overdue[0]
  if (oldest)
    asked.push(
      `${plural(m.actionItems.overdue.length, 'action item')} overdue, the oldest by ${formatAge(oldest.age)}. Which still matter, and which should be closed?`,
    )
  if (m.postmortems.late)
    asked.push(
      `${plural(m.postmortems.late, 'post-mortem')} not final within ${m.postmortems.deadlineHours} hours. What got in the way?`,
    )
  const detect = m.durations.detect.all
  if (detect && detect.count >= FEW)
    asked.push(
      `Half the incidents took ${formatDuration(detect.median)} or more to be noticed. Which signal would have told us sooner?`,
    )
  asked.push(
    'Which incident surprised us most, and what did it teach us?',
    'What did we learn that other teams should hear?',
  )
  return ['## Questions for the review', '', ...asked.map((q) => `- ${q}`)]
}
