/**
 * Past incidents from a spreadsheet or another tracker: the user says which column holds what
 * (guessed from the headers, Steady's own CSV export included), every row is checked, and either
 * every row becomes an incident or none does, with a message per refused row.
 */
import { openIncidentDrafts, type EventDraft } from './events'
import {
  INCIDENT_KINDS,
  LIMITS,
  MAX_TIME,
  type IncidentDetails,
  type IncidentKind,
  type Severity,
} from './model'
import { formatCount } from './time'
import { formatStamp, fromZoneInput } from './zone'

export const IMPORT_FIELDS = {
  title: {
    label: 'Title',
    required: true,
    names: ['title', 'name', 'incident', 'summary', 'subject'],
  },
  started: {
    label: 'Impact started',
    required: true,
    names: ['started', 'start', 'started at', 'impact start', 'began', 'date', 'opened', 'created'],
  },
  detected: {
    label: 'Detected',
    required: false,
    names: ['detected', 'detected at', 'noticed', 'alerted'],
  },
  mitigated: {
    label: 'Users back (mitigated)',
    required: false,
    names: ['mitigated', 'mitigated at', 'recovered', 'users back'],
  },
  resolved: {
    label: 'Resolved',
    required: false,
    names: ['resolved', 'resolved at', 'ended', 'end', 'fixed', 'closed at'],
  },
  severity: { label: 'Severity', required: false, names: ['severity', 'sev', 'priority', 'level'] },
  status: { label: 'Status', required: false, names: ['status', 'state'] },
  kind: { label: 'Kind', required: false, names: ['kind', 'type'] },
  services: {
    label: 'Services',
    required: false,
    names: ['services', 'service', 'system', 'component'],
  },
  tags: { label: 'Tags', required: false, names: ['tags', 'labels', 'tag'] },
  symptoms: {
    label: 'What happened',
    required: false,
    names: ['symptoms', 'description', 'details', 'what happened'],
  },
  rootCause: {
    label: 'Root cause',
    required: false,
    names: ['root cause', 'root_cause', 'cause', 'rca'],
  },
} as const
export type ImportField = keyof typeof IMPORT_FIELDS
/** Which column holds each field ('' = not in the file). */
export type ColumnMapping = Record<ImportField, string>

export const MAX_IMPORT_ROWS = 100_000

const normal = (header: string) => header.trim().toLowerCase().replace(/[_-]+/g, ' ')

/** The columns whose headers name a field (each column used once, the first match wins). */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const used = new Set<string>()
  const mapping = {} as ColumnMapping
  for (const [field, { names }] of Object.entries(IMPORT_FIELDS) as [
    ImportField,
    (typeof IMPORT_FIELDS)[ImportField],
  ][]) {
    const found = (names as readonly string[])
      .map((name) => headers.find((h) => !used.has(h) && normal(h) === normal(name)))
      .find((h) => h !== undefined)
    mapping[field] = found ?? ''
    if (found) used.add(found)
  }
  return mapping
}

/** An incident from one row, as the events that record it. */
export interface ImportedIncident {
  row: number
  title: string
  drafts: EventDraft[]
}

export type MapResult =
  { ok: true; incidents: ImportedIncident[] } | { ok: false; errors: string[]; total: number }

const FORMATS = '2024-07-19 14:05, 2024-07-19, or ISO 8601 like 2024-07-19T14:05:00Z'

/**
 * A time as spreadsheets write it: ISO 8601 with an offset (an instant), or a date and time
 * without one (read in the user's zone). A day that does not exist is refused, not moved.
 */
export function parseImportTime(value: string, zone: string): number | null {
  const v = value.trim()
  const iso =
    /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})$/i.exec(v)
  if (iso) {
    // Checked as a wall-clock time first, so 2024-02-30T10:00Z is refused, not rolled over.
    if (fromZoneInput(`${iso[1]}T${(iso[2] ?? '').slice(0, 5)}`, 'UTC') === null) return null
    const ms = Date.parse(v)
    return Number.isFinite(ms) ? ms : null
  }
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(v)
  if (!local) return null
  const clock = (local[2] ?? '00:00').padStart(5, '0')
  return fromZoneInput(`${local[1]}T${clock}`, zone)
}

const SEVERITY = /^(?:sev|p)?\s*-?\s*([1-4])$/i
const KIND_WORDS: Record<string, IncidentKind> = {
  incident: 'incident',
  'near miss': 'near-miss',
  'near-miss': 'near-miss',
  nearmiss: 'near-miss',
  drill: 'drill',
  exercise: 'drill',
}
const STATUS_WORDS: Record<string, 'active' | 'resolved' | 'closed'> = {
  open: 'active',
  active: 'active',
  ongoing: 'active',
  resolved: 'resolved',
  fixed: 'resolved',
  closed: 'closed',
  done: 'closed',
}

/** A cell our own CSV export protected against formulas (`'=x`) reads back as what was typed. */
const cell = (row: Record<string, string>, column: string) =>
  (column ? (row[column] ?? '') : '').replace(/^'(?=[=+\-@\t\r])/, '').trim()

const list = (value: string) =>
  value
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Checks every row against the mapping; all valid rows become incidents, or none do. */
export function mapRows(
  rows: readonly Record<string, string>[],
  mapping: ColumnMapping,
  ctx: { zone: string; now: number; source: string },
): MapResult {
  const errors: string[] = []
  const incidents: ImportedIncident[] = []
  const missing = (Object.keys(IMPORT_FIELDS) as ImportField[]).filter(
    (f) => IMPORT_FIELDS[f].required && !mapping[f],
  )
  if (missing.length)
    return {
      ok: false,
      total: rows.length,
      errors: [
        `Choose the column for ${missing.map((f) => IMPORT_FIELDS[f].label).join(' and ')}.`,
      ],
    }
  if (rows.length === 0) return { ok: false, total: 0, errors: ['The file has no rows.'] }
  if (rows.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      total: rows.length,
      errors: [
        `The file has ${formatCount(rows.length)} rows; Steady imports at most ${formatCount(MAX_IMPORT_ROWS)} at once.`,
      ],
    }
  rows.forEach((row, index) => {
    const n = index + 2 // the header is line 1
    const problems: string[] = []
    const get = (field: ImportField) => cell(row, mapping[field])
    const time = (field: ImportField): number | null => {
      const value = get(field)
      if (!value) return null
      const ms = parseImportTime(value, ctx.zone)
      if (ms === null)
        problems.push(
          `${IMPORT_FIELDS[field].label} “${value.slice(0, 40)}” is not a date (use ${FORMATS})`,
        )
      else if (ms > ctx.now || ms > MAX_TIME)
        problems.push(`${IMPORT_FIELDS[field].label} is in the future`)
      return ms
    }
    const limited = (field: ImportField, max: number) => {
      const value = get(field)
      if (value.length > max)
        problems.push(`${IMPORT_FIELDS[field].label} is ${value.length} characters; at most ${max}`)
      return value
    }
    const title = limited('title', LIMITS.title)
    if (!title) problems.push('the title is empty')
    const symptoms = limited('symptoms', LIMITS.text)
    const rootCause = limited('rootCause', LIMITS.text)
    const started = time('started')
    if (started === null && get('started') === '') problems.push('the start time is empty')
    const detected = time('detected')
    const mitigated = time('mitigated')
    const resolved = time('resolved')
    if (started !== null)
      for (const [field, at] of [
        ['detected', detected],
        ['mitigated', mitigated],
        ['resolved', resolved],
      ] as const)
        if (at !== null && at < started)
          problems.push(`${IMPORT_FIELDS[field].label} is before the impact started`)
    let severity: Severity | null = null
    const sev = get('severity')
    if (sev) {
      const match = SEVERITY.exec(sev)
      if (match) severity = `SEV${match[1]}` as Severity
      else problems.push(`Severity “${sev.slice(0, 20)}” is not SEV1–SEV4 (or 1–4)`)
    }
    let kind: IncidentKind | undefined
    const kindValue = get('kind').toLowerCase()
    if (kindValue) {
      kind = KIND_WORDS[kindValue]
      if (!kind)
        problems.push(`Kind “${kindValue.slice(0, 20)}” is not ${INCIDENT_KINDS.join(', ')}`)
    }
    const statusValue = get('status').toLowerCase()
    const status = statusValue ? STATUS_WORDS[statusValue] : resolved !== null ? 'closed' : 'active'
    if (!status)
      problems.push(`Status “${statusValue.slice(0, 20)}” is not open, resolved or closed`)
    if (status && status !== 'active' && resolved === null)
      problems.push(`it is ${statusValue || status} but has no resolution time`)
    const services = list(get('services'))
    const tags = list(get('tags'))
    if (services.some((s) => s.length > LIMITS.service) || services.length > 100)
      problems.push(`Services: at most 100, of ${LIMITS.service} characters each`)
    if (tags.some((t) => t.length > LIMITS.tag) || tags.length > 50)
      problems.push(`Tags: at most 50, of ${LIMITS.tag} characters each`)
    if (problems.length || started === null) {
      errors.push(`Row ${n}: ${problems.join('; ')}.`)
      return
    }
    const details: Partial<IncidentDetails> = {
      ...(symptoms ? { symptoms } : {}),
      ...(services.length ? { services } : {}),
      ...(tags.length ? { tags } : {}),
      ...(kind && kind !== 'incident' ? { kind } : {}),
    }
    const drafts = openIncidentDrafts({
      now: ctx.now,
      title,
      startedAt: started,
      detectedAt: detected ?? started,
      details,
    })
    if (rootCause)
      drafts.push({
        kind: 'details-edited',
        at: ctx.now,
        payload: {
          changes: {
            rootCause: {
              trigger: '',
              mechanism: '',
              impact: '',
              summary: rootCause,
              contributingFactors: '',
            },
          },
        },
      })
    if (severity)
      drafts.push({ kind: 'severity-changed', at: started, payload: { from: null, to: severity } })
    if (mitigated !== null) drafts.push({ kind: 'mitigation-verified', at: mitigated, payload: {} })
    if (resolved !== null && status !== 'active') {
      drafts.push({ kind: 'resolved', at: resolved, payload: {} })
      // History is done with: it waits in Prevention, without post-mortem reminders.
      drafts.push({
        kind: 'phase-changed',
        at: resolved,
        payload: { from: 'capture', to: 'prevention' },
      })
      if (status === 'closed')
        drafts.push({ kind: 'closed', at: resolved, payload: { reason: 'Imported as closed' } })
    }
    drafts.push({
      kind: 'note',
      at: ctx.now,
      payload: {
        text: `Imported from ${ctx.source}, row ${n}, on ${formatStamp(ctx.now, ctx.zone)}.`,
      },
    })
    incidents.push({ row: n, title, drafts })
  })
  return errors.length ? { ok: false, errors, total: rows.length } : { ok: true, incidents }
}
