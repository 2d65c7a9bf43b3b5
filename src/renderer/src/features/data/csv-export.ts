/**
 * Incidents and action items as CSV, for a spreadsheet or another tracker, written a page of rows
 * at a time (in the export's worker: export.worker.ts), so ten years of history is never read into
 * memory at once. Papa Parse writes the quoting; a cell that a spreadsheet would run as a formula
 * (= + - @ at its start) is prefixed with an apostrophe, so an imported title can never become a
 * formula on someone's machine. The trash is left out, and so are its incidents' action items.
 */
import { responseDurations } from '@shared/domain/metrics'
import { incidentTitle, type ActionItem, type Incident } from '@shared/domain/model'
import Papa from 'papaparse'
import type { SteadyDb } from '../../db/database'
import type { ExportCounts } from '../../db/export-writer'
import { pagesOf } from '../../db/pages'

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString())
const minutes = (ms: number | null) => (ms === null ? '' : String(Math.round(ms / 60_000)))
/** Neutralises spreadsheet formulas (CSV injection), keeping the text readable. */
const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const INCIDENT_COLUMNS = [
  'id',
  'title',
  'kind',
  'severity',
  'status',
  'phase',
  'services',
  'tags',
  'started',
  'detected',
  'mitigated',
  'resolved',
  'time_to_detect_minutes',
  'time_to_mitigate_minutes',
  'time_to_resolve_minutes',
  'root_cause',
  'contributing_factors',
  'postmortem',
] as const

const ITEM_COLUMNS = [
  'id',
  'incident_id',
  'incident',
  'title',
  'type',
  'priority',
  'owner',
  'due',
  'done_when',
  'status',
  'done',
  'verified',
  'link',
] as const

type Cells<C extends readonly string[]> = Record<C[number], string>

function incidentCells(i: Incident): Cells<typeof INCIDENT_COLUMNS> {
  const d = responseDurations(i)
  return {
    id: i.id,
    title: incidentTitle(i),
    kind: i.kind ?? 'incident',
    severity: i.severity ?? '',
    status: i.status,
    phase: i.phase,
    services: i.services.join('; '),
    tags: (i.tags ?? []).join('; '),
    started: iso(i.startedAt),
    detected: iso(i.detectedAt),
    mitigated: iso(i.mitigatedAt),
    resolved: iso(i.resolvedAt),
    time_to_detect_minutes: minutes(d.timeToDetect),
    time_to_mitigate_minutes: minutes(d.timeToMitigate),
    time_to_resolve_minutes: minutes(d.timeToResolve),
    root_cause: i.rootCause.summary,
    contributing_factors: (i.factors ?? []).map((f) => `${f.category}: ${f.text}`).join('; '),
    postmortem: i.postmortemStatus,
  }
}

function itemCells(item: ActionItem, incident: string): Cells<typeof ITEM_COLUMNS> {
  return {
    id: item.id,
    incident_id: item.incidentId,
    incident,
    title: item.title,
    type: item.type,
    priority: item.priority ?? '',
    owner: item.owner,
    due: iso(item.dueAt),
    done_when: item.measure,
    status: item.status,
    done: iso(item.doneAt),
    verified: iso(item.verifiedAt),
    link: item.link ?? '',
  }
}

/** Lines of CSV, each after a line break (the header line has none before it). */
const lines = <C extends readonly string[]>(columns: C, rows: Cells<C>[]) =>
  '\r\n' +
  Papa.unparse(
    rows.map((row) => columns.map((column) => safe(row[column as C[number]]))),
    { newline: '\r\n' },
  )

/** Rows read at a time: a page of incidents is about a megabyte. */
const PAGE = 1000

/** The incidents CSV, a page at a time; `counts.incidents` says how many rows it wrote. */
export async function* incidentsCsv(
  db: SteadyDb,
  counts: ExportCounts,
  pageSize = PAGE,
): AsyncGenerator<string> {
  yield INCIDENT_COLUMNS.join(',')
  for await (const page of pagesOf(db.incidents, pageSize, (i) => i.id)) {
    const rows = page.filter((i) => i.status !== 'deleted').map(incidentCells)
    counts.incidents += rows.length
    if (rows.length) yield lines(INCIDENT_COLUMNS, rows)
  }
}

/**
 * The action items CSV, a page at a time, each with its incident's title (read from the
 * summaries of the page's incidents); `counts.actionItems` says how many rows it wrote.
 */
export async function* actionItemsCsv(
  db: SteadyDb,
  counts: ExportCounts,
  pageSize = PAGE,
): AsyncGenerator<string> {
  yield ITEM_COLUMNS.join(',')
  for await (const page of pagesOf(db.actionItems, pageSize, (item) => item.id)) {
    const ids = [...new Set(page.map((item) => item.incidentId))]
    const incidents = new Map(
      (await db.summaries.bulkGet(ids)).flatMap((i) => (i ? [[i.id, i] as const] : [])),
    )
    const rows = page.flatMap((item) => {
      const incident = incidents.get(item.incidentId)
      if (incident?.status === 'deleted') return []
      return [itemCells(item, incident ? incidentTitle(incident) : '')]
    })
    counts.actionItems += rows.length
    if (rows.length) yield lines(ITEM_COLUMNS, rows)
  }
}
