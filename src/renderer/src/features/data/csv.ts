/**
 * Incidents and action items as CSV, for a spreadsheet or another tracker. Papa Parse writes the
 * quoting; a cell that a spreadsheet would run as a formula (= + - @ at its start) is prefixed
 * with an apostrophe, so an imported title can never become a formula on someone's machine.
 */
import { responseDurations } from '@shared/domain/metrics'
import { incidentTitle, type ActionItem, type Incident } from '@shared/domain/model'
import Papa from 'papaparse'

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString())
const minutes = (ms: number | null) => (ms === null ? '' : String(Math.round(ms / 60_000)))
/** Neutralises spreadsheet formulas (CSV injection), keeping the text readable. */
const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const write = (rows: Record<string, string>[]) =>
  Papa.unparse(
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safe(v)]))),
    { newline: '\r\n' },
  )

export function incidentsCsv(incidents: readonly Incident[]): string {
  return write(
    incidents
      .filter((i) => i.status !== 'deleted')
      .map((i) => {
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
      }),
  )
}

export function actionItemsCsv(
  items: readonly ActionItem[],
  titles: ReadonlyMap<string, string>,
): string {
  return write(
    items.map((item) => ({
      id: item.id,
      incident_id: item.incidentId,
      incident: titles.get(item.incidentId) ?? '',
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
    })),
  )
}

export type ParsedCsv =
  { ok: true; headers: string[]; rows: Record<string, string>[] } | { ok: false; message: string }

/**
 * A CSV file with a header line, as rows by column name. A row with more or fewer cells than the
 * header refuses the file (a misplaced quote would otherwise shift every column after it).
 */
export function parseCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  })
  const headers = (parsed.meta.fields ?? []).filter(Boolean)
  if (headers.length === 0)
    return { ok: false, message: 'This file has no header line naming its columns.' }
  const broken = parsed.errors.filter((e) => e.type === 'FieldMismatch' || e.type === 'Quotes')
  if (broken.length) {
    const first = broken[0]
    const line = first?.row === undefined ? '' : ` (row ${first.row + 2})`
    return {
      ok: false,
      message: `This file is not a clean CSV table${line}: ${first?.message ?? 'unreadable'}. Nothing was imported.`,
    }
  }
  return { ok: true, headers, rows: parsed.data }
}
