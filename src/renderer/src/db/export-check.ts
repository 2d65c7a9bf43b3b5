/**
 * An export file checked row by row as it is read (export-reader.ts feeds it), so a file of any
 * size never has to be held as objects: each checked row is kept as a line of JSON in Blobs of a
 * few megabytes, which the browser keeps outside the JS heap (on disk when they are large), until
 * importExport or replaceAll writes them. What stays in memory is ids: enough to refuse repeated
 * ids and rows of incidents the file does not contain.
 */
import {
  actionItemSchema,
  incidentSchema,
  incidentTitle,
  settingsSchema,
  type Settings,
} from '@shared/domain/model'
import { timelineEventSchema } from '@shared/domain/events'
import { postmortemDocSchema } from '@shared/domain/postmortem'
import { formatCount } from '@shared/domain/time'
import { z } from 'zod'
import { CURRENT_VERSION } from './schema'

export const EXPORT_FORMAT = 'steady-export'
export const EXPORT_VERSION = 1

export const TABLES = ['incidents', 'events', 'actionItems', 'postmortems'] as const
export type TableName = (typeof TABLES)[number]
export const isTable = (key: string): key is TableName => TABLES.includes(key as TableName)

const postmortemRowSchema = z.object({
  incidentId: z.string().min(1).max(64),
  doc: postmortemDocSchema,
  updatedAt: z.number(),
})

const ROWS = {
  incidents: incidentSchema,
  events: timelineEventSchema,
  actionItems: actionItemSchema,
  postmortems: postmortemRowSchema,
} as const
export type Row<T extends TableName> = z.infer<(typeof ROWS)[T]>

/**
 * Far above what Steady itself writes for 100,000 incidents (about 2 million events): a file
 * Steady made always comes back; only a foreign one this large is refused.
 */
const MAX_ROWS: Record<TableName, number> = {
  incidents: 1_000_000,
  events: 50_000_000,
  actionItems: 10_000_000,
  postmortems: 1_000_000,
}

/** The file's frame: everything but the rows, which are checked one by one. */
const frameSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string().max(40),
  incidents: z.array(z.unknown()),
  events: z.array(z.unknown()),
  actionItems: z.array(z.unknown()),
  postmortems: z.array(z.unknown()),
  settings: settingsSchema.nullable(),
})

const TABLE_NOUNS: Record<TableName, string> = {
  incidents: 'incidents',
  events: 'timeline events',
  actionItems: 'action items',
  postmortems: 'post-mortems',
}

/** A checked file, ready to be written. */
export interface CheckedExport {
  schemaVersion: number
  exportedAt: string
  settings: Settings | null
  counts: Record<TableName, number>
  /** The incidents' ids, in the file's order. */
  incidentIds: string[]
  /** Each table's checked rows, one JSON a line, in pieces of at most PIECE_ROWS rows. */
  rows: Record<TableName, Blob[]>
  /** Incidents from before notes had ids: their notes are taken from their note events. */
  legacyNotes: Set<string>
}

export type ParseResult = { ok: true; data: CheckedExport } | { ok: false; message: string }

const refusalMessage = (why: string) => `Couldn't read this file: ${why}. Nothing was changed.`

/** The message for a file that cannot be imported. */
export const refusal = (why: string): ParseResult => ({ ok: false, message: refusalMessage(why) })

/** What is wrong with a file's format, version or data version, as far as they are known. */
function frameProblem(fields: Record<string, unknown>, known: boolean): string | null {
  const { format, version, schemaVersion } = fields
  if ((known || 'format' in fields) && format !== EXPORT_FORMAT)
    return "it isn't a Steady export (missing 'format')"
  if ((known || 'version' in fields) && version !== EXPORT_VERSION)
    return `it was made by another version of Steady (export version ${String(version)})`
  if (typeof schemaVersion === 'number' && schemaVersion > CURRENT_VERSION)
    return `it was made by a newer Steady (data version ${schemaVersion}; this one reads up to ${CURRENT_VERSION}). Update Steady, then import it`
  return null
}

export interface ParseOptions {
  /** The editor's own check of a post-mortem document: why it cannot be opened here, or null. */
  checkDoc?: (doc: unknown) => string | null
  /** Called every few thousand rows while a file parsed at once is checked. */
  onProgress?: (done: number, total: number) => void
}

const firstIssue = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): string => {
  const issue = issues[0]
  if (!issue) return 'it does not match the export format'
  const path = [...prefix, ...issue.path]
  return `${issue.message}${path.length ? ` at ${path.map(String).join('.')}` : ''}`
}

/** Rows (and about 4 MB) to a piece: one write of the import. */
const PIECE_ROWS = 5000
const PIECE_CHARS = 4 * 1024 * 1024

/** Lines of text gathered into Blobs of a few megabytes. */
class Pieces {
  readonly blobs: Blob[] = []
  private lines: string[] = []
  private chars = 0
  add(line: string): void {
    this.lines.push(line)
    this.chars += line.length
    if (this.lines.length >= PIECE_ROWS || this.chars >= PIECE_CHARS) this.flush()
  }
  flush(): void {
    if (!this.lines.length) return
    this.blobs.push(new Blob([`${this.lines.join('\n')}\n`]))
    this.lines = []
    this.chars = 0
  }
}

const PROGRESS_EVERY = 5000

/**
 * Takes a file's top-level fields (`field`), the start of each table (`table`) and its rows
 * (`row`) in the file's order, checks each as it comes, and stops at the first problem (`failed`).
 */
export class ExportChecker {
  private problem: string | null = null
  private readonly fields: Record<string, unknown> = {}
  private readonly counts: Record<TableName, number> = {
    incidents: 0,
    events: 0,
    actionItems: 0,
    postmortems: 0,
  }
  private readonly seen = new Set<TableName>()
  private readonly pieces = {
    incidents: new Pieces(),
    events: new Pieces(),
    actionItems: new Pieces(),
    postmortems: new Pieces(),
  }
  private readonly ids = {
    incidents: new Set<string>(),
    events: new Set<string>(),
    actionItems: new Set<string>(),
    postmortems: new Set<string>(),
  }
  private readonly incidentIds: string[] = []
  /** Incidents that rows refer to, in the order first referred to. */
  private readonly referenced = new Set<string>()
  private readonly titles = new Map<string, string>()
  private readonly legacyNotes = new Set<string>()
  /** A post-mortem the editor cannot open: reported once its incident's title is known. */
  private badDoc: { incidentId: string; problem: string } | null = null

  constructor(private readonly options: ParseOptions = {}) {}

  get failed(): boolean {
    return this.problem !== null
  }

  private fail(why: string): void {
    this.problem ??= refusalMessage(why)
  }

  /** A top-level field that is not a table's rows. The frame is checked as soon as it is known. */
  field(key: string, value: unknown): void {
    if (this.failed) return
    if (key === '__proto__') return this.fail(PROTO_REFUSED)
    this.fields[key] = value
    const problem = frameProblem(this.fields, false)
    if (problem) this.fail(problem)
  }

  /** A table begins (its rows follow). */
  table(name: TableName): void {
    this.seen.add(name)
  }

  row<T extends TableName>(table: T, value: unknown): void {
    if (this.failed) return
    const index = this.counts[table]++
    if (index >= MAX_ROWS[table])
      return this.fail(`it holds more than ${formatCount(MAX_ROWS[table])} ${TABLE_NOUNS[table]}`)
    const parsed = ROWS[table].safeParse(value)
    if (!parsed.success) return this.fail(firstIssue(parsed.error.issues, [table, index]))
    const row = parsed.data as Row<TableName>
    const id = 'id' in row ? row.id : row.incidentId
    const ids = this.ids[table]
    if (ids.has(id))
      return this.fail(`two ${TABLE_NOUNS[table]} in it share the id ${JSON.stringify(id)}`)
    ids.add(id)
    if (table === 'incidents') {
      const incident = row as Row<'incidents'>
      this.incidentIds.push(incident.id)
      this.titles.set(incident.id, incidentTitle(incident))
      if (incident.notes.some((n) => !n.id)) this.legacyNotes.add(incident.id)
    } else {
      this.referenced.add((row as { incidentId: string }).incidentId)
    }
    if (table === 'postmortems' && this.options.checkDoc && !this.badDoc) {
      const problem = this.options.checkDoc((row as Row<'postmortems'>).doc)
      if (problem) this.badDoc = { incidentId: id, problem }
    }
    this.pieces[table].add(JSON.stringify(row))
  }

  /** Checks a whole file parsed at once. */
  feed(raw: unknown): this {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.fail("it isn't a Steady export")
      return this
    }
    const record = raw as Record<string, unknown>
    const keys = Object.keys(record)
    // The frame first, wherever it is in the file: a foreign file is named as one.
    for (const key of keys)
      if (!isTable(key) || !Array.isArray(record[key])) this.field(key, record[key])
    const tables = keys.filter(
      (key): key is TableName => isTable(key) && Array.isArray(record[key]),
    )
    const total = tables.reduce((n, t) => n + (record[t] as unknown[]).length, 0)
    let done = 0
    for (const table of tables) {
      this.table(table)
      const rows = record[table] as unknown[]
      for (let i = 0; i < rows.length && !this.failed; i++) {
        this.row(table, rows[i])
        if (++done % PROGRESS_EVERY === 0) this.options.onProgress?.(done, total)
      }
    }
    this.options.onProgress?.(total, total)
    return this
  }

  /** The file as checked: ready to write, or why not. */
  result(): ParseResult {
    if (this.problem !== null) return { ok: false, message: this.problem }
    const problem = frameProblem(this.fields, true)
    if (problem) return refusal(problem)
    const frame = frameSchema.safeParse({
      ...this.fields,
      ...Object.fromEntries(TABLES.filter((t) => this.seen.has(t)).map((t) => [t, []])),
    })
    if (!frame.success) return refusal(firstIssue(frame.error.issues))
    const orphan = [...this.referenced].find((id) => !this.ids.incidents.has(id))
    if (orphan !== undefined)
      return refusal(`it refers to incident ${JSON.stringify(orphan)}, which it does not contain`)
    if (this.badDoc)
      return refusal(
        `the post-mortem of "${this.titles.get(this.badDoc.incidentId) || this.badDoc.incidentId}" ${this.badDoc.problem}; importing it could lose that part`,
      )
    for (const pieces of Object.values(this.pieces)) pieces.flush()
    return {
      ok: true,
      data: {
        schemaVersion: frame.data.schemaVersion,
        exportedAt: frame.data.exportedAt,
        settings: frame.data.settings,
        counts: { ...this.counts },
        incidentIds: this.incidentIds,
        rows: {
          incidents: this.pieces.incidents.blobs,
          events: this.pieces.events.blobs,
          actionItems: this.pieces.actionItems.blobs,
          postmortems: this.pieces.postmortems.blobs,
        },
        legacyNotes: this.legacyNotes,
      },
    }
  }
}

/** JSON text's value, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Steady never writes this key; in a file it can only be an attempt to change prototypes. */
export const PROTO_KEY = /"__proto__"\s*:/
export const PROTO_REFUSED = 'it contains a "__proto__" key'
export const CUT_SHORT = "it isn't JSON (or it was cut short)"

/** Checks a whole file's text at once (files of any size: export-reader.ts). Never throws. */
export function parseExport(text: string, options: ParseOptions = {}): ParseResult {
  if (PROTO_KEY.test(text)) return refusal(PROTO_REFUSED)
  if (!text.trim()) return refusal('it is empty')
  const raw = parseJson(text)
  return raw === undefined ? refusal(CUT_SHORT) : new ExportChecker(options).feed(raw).result()
}

/**
 * A table's checked rows, a piece at a time: `take` is called with each piece's rows in turn.
 * (`wait` keeps a transaction alive while a piece is read. A loop, not an async generator: a
 * generator's resumption would leave the transaction's zone.)
 */
export async function eachPiece<T extends TableName>(
  data: CheckedExport,
  table: T,
  take: (rows: Row<T>[]) => unknown,
  wait: <V>(promise: Promise<V>) => PromiseLike<V> = (p) => p,
): Promise<void> {
  for (const piece of data.rows[table]) {
    const text = await wait(piece.text())
    await take(
      text
        .slice(0, -1)
        .split('\n')
        .map((line) => JSON.parse(line) as Row<T>),
    )
  }
}

/** Every checked row of a table at once (tests, and small files). */
export async function allRows<T extends TableName>(
  data: CheckedExport,
  table: T,
): Promise<Row<T>[]> {
  const rows: Row<T>[] = []
  await eachPiece(data, table, (piece) => rows.push(...piece))
  return rows
}
