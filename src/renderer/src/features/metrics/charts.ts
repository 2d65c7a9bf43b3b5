/**
 * The Metrics charts, drawn as SVG by Observable Plot: the same functions draw them on screen (in
 * the theme's colours) and into the report's files (in the light palette). Each chart has a label
 * and a description for screen readers, and its numbers are also shown as a table beside it.
 */
import * as Plot from '@observablehq/plot'
import {
  DURATIONS,
  SEVERITY_GROUPS,
  type Bucket,
  type DurationBreakdown,
  type DurationKey,
} from '@shared/domain/metrics'
import { MINUTE, formatDuration } from '@shared/domain/time'

export interface Palette {
  text: string
  muted: string
  border: string
  background: string
  accent: string
  severity: Record<(typeof SEVERITY_GROUPS)[number], string>
}

/** The light theme's colours (global.css), for files read outside the app. */
export const LIGHT_PALETTE: Palette = {
  text: '#1c1d1f',
  muted: '#55595f',
  border: '#d9d9d4',
  background: '#ffffff',
  accent: '#2f5fd0',
  severity: {
    SEV1: '#b42318',
    SEV2: '#b54708',
    SEV3: '#8a6100',
    SEV4: '#4a5568',
    Unclassified: '#8c8f94',
  },
}

/** The colours the page shows now, resolved from its CSS variables (light or dark). */
export function pagePalette(host: HTMLElement): Palette {
  // Every probe in place before the first read: the page's styles are worked out once, not once
  // a colour (each read after a change made the browser restyle the page: 150 ms on a page of
  // charts of 100,000 incidents).
  const probes = PALETTE_VARIABLES.map((variable) => {
    const span = document.createElement('span')
    span.style.color = `var(${variable})`
    return span
  })
  host.append(...probes)
  const [text, muted, border, background, accent, SEV1, SEV2, SEV3, SEV4] = probes.map(
    (span) => getComputedStyle(span).color,
  )
  for (const span of probes) span.remove()
  const read = (colour: string | undefined) => colour ?? ''
  return {
    text: read(text),
    muted: read(muted),
    border: read(border),
    background: read(background),
    accent: read(accent),
    severity: {
      SEV1: read(SEV1),
      SEV2: read(SEV2),
      SEV3: read(SEV3),
      SEV4: read(SEV4),
      Unclassified: read(muted),
    },
  }
}

/** The CSS variables of the palette, in the order `pagePalette` reads them. */
const PALETTE_VARIABLES = [
  '--text',
  '--muted',
  '--border',
  '--surface',
  '--accent',
  '--sev1',
  '--sev2',
  '--sev3',
  '--sev4',
] as const

interface ChartOptions {
  palette: Palette
  width: number
  document?: Document
}

const base = ({ palette, width, document }: ChartOptions) => ({
  width,
  ...(document ? { document } : {}),
  style: { color: palette.text, background: palette.background, fontSize: '12px' },
  marginLeft: 110,
})

/** Incidents per week or month, stacked by severity. */
export function incidentsChart(buckets: readonly Bucket[], unit: string, o: ChartOptions) {
  const rows = buckets.flatMap((b) =>
    SEVERITY_GROUPS.map((severity) => ({ label: b.label, severity, count: b.counts[severity] })),
  )
  const total = rows.reduce((n, r) => n + r.count, 0)
  return accessible(
    Plot.plot({
      ...base(o),
      marginLeft: 40,
      marginBottom: 60,
      height: 260,
      ariaLabel: `Incidents per ${unit} by severity`,
      ariaDescription: `${total} incidents over ${buckets.length} ${unit}s; the table below lists each ${unit}.`,
      x: { label: null, domain: buckets.map((b) => b.label), tickRotate: -40 },
      y: { label: null, grid: true, tickFormat: 'd', nice: true },
      marginTop: 34,
      color: {
        domain: [...SEVERITY_GROUPS],
        range: SEVERITY_GROUPS.map((s) => o.palette.severity[s]),
      },
      marks: [
        // The legend is drawn inside the chart, so the SVG file carries it too.
        ...SEVERITY_GROUPS.map((severity, n) =>
          Plot.text([`■ ${severity}`], {
            frameAnchor: 'top-left',
            dx: n * 92,
            dy: -26,
            fill: o.palette.severity[severity],
            fontSize: 12,
            fontWeight: 600,
            textAnchor: 'start',
          }),
        ),
        Plot.barY(
          rows.filter((r) => r.count > 0),
          { x: 'label', y: 'count', fill: 'severity', order: [...SEVERITY_GROUPS] },
        ),
        Plot.ruleY([0], { stroke: o.palette.border }),
      ],
    }),
  )
}

/**
 * The position of a duration: log10 of its minutes, so a 2-minute and a 2-day incident are both
 * readable; anything under half a minute sits at the left edge (a log scale has no zero). Drawn
 * on a linear axis of these logs, labelled in durations (Plot's log axis drops labels it finds
 * crowded).
 */
const position = (ms: number) => Math.log10(Math.max(0.5, ms / MINUTE))
/** Ticks people read at a glance: 1m, 5m, 15m, 30m, 1h … 1w. */
const TICKS = [1, 5, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080, 43200]

/** How see-through one incident's dot is: where several fall together, the spot is darker. */
const DOT_OPACITY = 0.55

export interface Dot {
  group: string
  /** The position (see `position`). */
  at: number
  /** How many incidents the dot stands for. */
  count: number
}

/** How wide a spot is, in pixels: the dots within one are drawn as one. */
const SPOT = 2

/**
 * A group's dots that fall on the same spot of a chart `width` pixels wide drawn as one, exactly
 * as dark as they would be drawn one over another: tens of thousands of incidents become at most
 * a mark per spot, and the chart looks the same (a dot is 7 pixels wide; none moves by more than
 * a pixel). `positions` come smallest first (a distribution's values are sorted, and `position`
 * keeps their order), so dots on one spot are neighbours and are counted in one walk.
 */
export function mergeDots(
  group: string,
  positions: Iterable<number>,
  low: number,
  high: number,
  width: number,
): Dot[] {
  const step = (high - low) / Math.max(1, width / SPOT)
  const dots: Dot[] = []
  let last: Dot | undefined
  for (const position of positions) {
    const at = step > 0 ? low + Math.round((position - low) / step) * step : position
    if (last?.at === at) last.count++
    else dots.push((last = { group, at, count: 1 }))
  }
  return dots
}

/** The opacity of `count` dots of DOT_OPACITY drawn over each other. */
export const stackedOpacity = (count: number): number => 1 - (1 - DOT_OPACITY) ** count

/** Every incident as a dot, with the median (solid) and p90 (dashed) of each group. */
export function durationChart(
  key: DurationKey,
  groups: DurationBreakdown['bySeverity'] | DurationBreakdown['byService'],
  o: ChartOptions,
) {
  const colour = (group: string) =>
    o.palette.severity[group as keyof Palette['severity']] ?? o.palette.accent
  // Each group's values are sorted: its first and last are its extremes.
  const low = Math.min(...groups.map((g) => position(g.distribution.min)))
  const high = Math.max(0, ...groups.map((g) => position(g.distribution.max)))
  const dots = groups.flatMap((g) =>
    mergeDots(g.group, g.distribution.values.map(position), low, high, o.width),
  )
  const stats = groups.map((g) => ({
    group: g.group,
    median: position(g.distribution.median),
    p90: position(g.distribution.p90),
  }))
  return accessible(
    Plot.plot({
      ...base(o),
      height: Math.max(90, 44 * groups.length + 50),
      ariaLabel: `${DURATIONS[key]}, every incident as a dot`,
      ariaDescription: `For each group, a dot per incident, a solid mark at the median and a dashed mark at the 90th percentile, on a logarithmic time scale; the table below has the numbers.`,
      x: {
        label: 'Log scale',
        grid: true,
        domain: [low, high],
        ticks: TICKS.map(Math.log10).filter((t) => t >= low - 0.08 && t <= high + 0.08),
        tickFormat: (t: number) => formatDuration(Math.round(10 ** t) * MINUTE),
      },
      y: { label: null, domain: groups.map((g) => g.group) },
      marks: [
        Plot.dot(dots, {
          x: 'at',
          y: 'group',
          r: 3.5,
          fill: (d: Dot) => colour(d.group),
          fillOpacity: (d: Dot) => stackedOpacity(d.count),
        }),
        Plot.tickX(stats, { x: 'median', y: 'group', stroke: o.palette.text, strokeWidth: 2.5 }),
        Plot.tickX(stats, {
          x: 'p90',
          y: 'group',
          stroke: o.palette.text,
          strokeWidth: 1.5,
          strokeDasharray: '3,2',
        }),
      ],
    }),
  )
}

/** How often each name comes up (factor categories, services), most frequent on top. */
export function tallyChart(
  label: string,
  tally: readonly { name: string; count: number }[],
  o: ChartOptions,
) {
  return accessible(
    Plot.plot({
      ...base(o),
      marginLeft: 160,
      height: Math.max(80, 28 * tally.length + 40),
      ariaLabel: label,
      ariaDescription: `${tally.length} entries, most frequent first; the table below has the counts.`,
      x: { label: 'Incidents', grid: true, tickFormat: 'd' },
      y: { label: null, domain: tally.map((t) => t.name) },
      marks: [
        Plot.barX(tally, { x: 'count', y: 'name', fill: o.palette.accent }),
        Plot.ruleX([0], { stroke: o.palette.border }),
      ],
    }),
  )
}

/**
 * One image to a screen reader: the chart's label and description, not Plot's labels on each
 * group of marks inside it (which ARIA does not allow on a plain group).
 */
function accessible<T extends Element>(chart: T): T {
  chart.setAttribute('role', 'img')
  for (const inner of chart.querySelectorAll('[aria-label], [aria-description]')) {
    inner.removeAttribute('aria-label')
    inner.removeAttribute('aria-description')
  }
  return chart
}

/** An SVG file of a chart: its own colours and fonts, readable in any viewer. */
export function svgFile(chart: Element): string {
  chart.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(chart)}\n`
}
