/**
 * Everything Steady knows, as one JSON file, and back. Export reads the whole database in one
 * transaction. Import validates the whole file before it writes anything, then writes it in one
 * transaction: all or nothing. A bad or foreign file gets a message that names what is wrong, and
 * the database stays exactly as it was.
 */
import { notesFromEvents, timelineEventSchema } from '@shared/domain/events'
import {
  actionItemSchema,
  incidentSchema,
  incidentTitle,
  settingsSchema,
} from '@shared/domain/model'
import { postmortemDocSchema } from '@shared/domain/postmortem'
import Dexie from 'dexie'
import { z } from 'zod'
import type { PostmortemRow, SteadyDb } from './database'
import { DbError, toDbError } from './errors'
import { CURRENT_VERSION } from './schema'

export const EXPORT_FORMAT = 'steady-export'
export const EXPORT_VERSION = 1

const postmortemRowSchema = z.object({
  incidentId: z.string().min(1).max(64),
  doc: postmortemDocSchema,
  updatedAt: z.number(),
})

/** The file's frame; its rows are checked one by one (below), so a large file reports progress. */
const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string().max(40),
  // Far above what Steady itself writes for 100,000 incidents (about 2 million events): a file
  // Steady made always comes back; only a foreign one this large is refused.
  incidents: z.array(z.unknown()).max(1_000_000),
  events: z.array(z.unknown()).max(50_000_000),
  actionItems: z.array(z.unknown()).max(10_000_000),
  postmortems: z.array(z.unknown()).max(1_000_000),
  settings: settingsSchema.nullable(),
})

const ROWS = {
  incidents: incidentSchema,
  events: timelineEventSchema,
  actionItems: actionItemSchema,
  postmortems: postmortemRowSchema,
} as const
type Rows = { [K in keyof typeof ROWS]: z.infer<(typeof ROWS)[K]>[] }

/** Post-mortem documents are checked loosely by zod; the editor's schema (`checkDoc`) is their real check. */
export type SteadyExport = Omit<z.infer<typeof exportSchema>, keyof Rows | 'postmortems'> &
  Omit<Rows, 'postmortems'> & { postmortems: PostmortemRow[] }

export async function exportAll(db: SteadyDb, now = Date.now()): Promise<SteadyExport> {
  return db.transaction(
    'r',
    [db.incidents, db.events, db.actionItems, db.postmortems, db.settings],
    async () => ({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      schemaVersion: CURRENT_VERSION,
      exportedAt: new Date(now).toISOString(),
      incidents: await db.incidents.toArray(),
      events: await db.events.toArray(),
      actionItems: await db.actionItems.toArray(),
      postmortems: await db.postmortems.toArray(),
      settings: (await db.settings.get('settings'))?.value ?? null,
    }),
  )
}

/** One incident with everything that belongs to it, as an export file (importable as it is). */
export async function exportIncident(
  db: SteadyDb,
  incidentId: string,
  now = Date.now(),
): Promise<SteadyExport> {
  return db.transaction(
    'r',
    [db.incidents, db.events, db.actionItems, db.postmortems],
    async () => {
      const incident = await db.incidents.get(incidentId)
      const postmortem = await db.postmortems.get(incidentId)
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        schemaVersion: CURRENT_VERSION,
        exportedAt: new Date(now).toISOString(),
        incidents: incident ? [incident] : [],
        events: await db.events.where('incidentId').equals(incidentId).toArray(),
        actionItems: await db.actionItems.where('incidentId').equals(incidentId).toArray(),
        postmortems: postmortem ? [postmortem] : [],
        settings: null,
      }
    },
  )
}

export type ParseResult = { ok: true; data: SteadyExport } | { ok: false; message: string }

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0]
  if (!issue) return 'it does not match the export format'
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : ''
  return `${issue.message}${where}`
}

export interface ParseOptions {
  /** The editor's own check of a post-mortem document: why it cannot be opened here, or null. */
  checkDoc?: (doc: unknown) => string | null
  /** Called every few thousand rows while the file is checked. */
  onProgress?: (done: number, total: number) => void
}

const PROGRESS_EVERY = 5000

/** The first id that appears twice in a list, if any. */
function repeated(ids: Iterable<string>): string | undefined {
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) return id
    seen.add(id)
  }
  return undefined
}

/** Checks a file's text completely (see checkExport). Never throws. */
export function parseExport(text: string, options: ParseOptions = {}): ParseResult {
  const fail = refusal
  // Steady never writes this key; in a file it can only be an attempt to change objects' prototypes.
  if (/"__proto__"\s*:/.test(text)) return fail('it contains a "__proto__" key')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return fail(text.trim() ? "it isn't JSON (or it was cut short)" : 'it is empty')
  }
  return checkExport(raw, options)
}

/** The message for a file that cannot be imported. */
export const refusal = (why: string): ParseResult => ({
  ok: false,
  message: `Couldn't read this file: ${why}. Nothing was changed.`,
})

/**
 * Checks a file's content (parsed at once or streamed: see export-reader.ts) completely: the
 * frame, then every row against its schema (ranges, sizes, enums), ids repeated within the file,
 * references to incidents it does not contain, and every post-mortem against the editor's schema.
 * Never throws: a problem comes back as a message.
 */
export function checkExport(raw: unknown, options: ParseOptions = {}): ParseResult {
  const fail = refusal
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail("it isn't a Steady export")
  const record = raw as Record<string, unknown>
  if (record['format'] !== EXPORT_FORMAT) return fail("it isn't a Steady export (missing 'format')")
  if (record['version'] !== EXPORT_VERSION)
    return fail(
      `it was made by another version of Steady (export version ${String(record['version'])})`,
    )
  const schemaVersion = record['schemaVersion']
  if (typeof schemaVersion === 'number' && schemaVersion > CURRENT_VERSION)
    return fail(
      `it was made by a newer Steady (data version ${schemaVersion}; this one reads up to ${CURRENT_VERSION}). Update Steady, then import it`,
    )
  const frame = exportSchema.safeParse(raw)
  if (!frame.success) return fail(firstIssue(frame.error))

  const total = (Object.keys(ROWS) as (keyof Rows)[]).reduce((n, k) => n + frame.data[k].length, 0)
  let done = 0
  const rows = {} as Rows
  for (const table of Object.keys(ROWS) as (keyof Rows)[]) {
    const schema = ROWS[table]
    const out: unknown[] = []
    const input = frame.data[table]
    for (let i = 0; i < input.length; i++) {
      const parsed = schema.safeParse(input[i])
      if (!parsed.success)
        return fail(
          firstIssue(
            new z.ZodError(
              parsed.error.issues.map((issue) => ({ ...issue, path: [table, i, ...issue.path] })),
            ),
          ),
        )
      out.push(parsed.data)
      if (++done % PROGRESS_EVERY === 0) options.onProgress?.(done, total)
    }
    ;(rows as Record<string, unknown[]>)[table] = out
  }
  options.onProgress?.(total, total)

  const twice =
    (['incidents', 'events', 'actionItems'] as const)
      .map((table) => [table, repeated(rows[table].map((r) => r.id))] as const)
      .find(([, id]) => id !== undefined) ??
    (['postmortems', repeated(rows.postmortems.map((p) => p.incidentId))] as const)
  if (twice[1] !== undefined)
    return fail(`two ${TABLE_NOUNS[twice[0]]} in it share the id ${JSON.stringify(twice[1])}`)
  const ids = new Set(rows.incidents.map((i) => i.id))
  const orphan =
    rows.events.find((e) => !ids.has(e.incidentId)) ??
    rows.actionItems.find((i) => !ids.has(i.incidentId)) ??
    rows.postmortems.find((p) => !ids.has(p.incidentId))
  if (orphan)
    return fail(
      `it refers to incident ${JSON.stringify(orphan.incidentId)}, which it does not contain`,
    )
  if (options.checkDoc) {
    for (const row of rows.postmortems) {
      const problem = options.checkDoc(row.doc)
      if (problem) {
        const incident = rows.incidents.find((i) => i.id === row.incidentId)
        return fail(
          `the post-mortem of "${incident?.title || row.incidentId}" ${problem}; importing it could lose that part`,
        )
      }
    }
  }
  const data: SteadyExport = {
    ...frame.data,
    ...rows,
    postmortems: rows.postmortems as PostmortemRow[],
  }
  return { ok: true, data: withNoteIds(data) }
}

const TABLE_NOUNS = {
  incidents: 'incidents',
  events: 'timeline events',
  actionItems: 'action items',
  postmortems: 'post-mortems',
} as const

/**
 * Files from before notes could be edited hold each note as plain text: its id is taken from the
 * event that added it (as the schema v4 migration does), so it can be edited after the import.
 */
function withNoteIds(data: SteadyExport): SteadyExport {
  if (!data.incidents.some((i) => i.notes.some((n) => !n.id))) return data
  const notes = notesFromEvents(data.events)
  return {
    ...data,
    incidents: data.incidents.map((incident) =>
      incident.notes.some((n) => !n.id)
        ? { ...incident, notes: notes.get(incident.id) ?? [] }
        : incident,
    ),
  }
}

/** Incidents in the file that already exist here. */
export async function findConflicts(db: SteadyDb, data: SteadyExport): Promise<string[]> {
  const existing = await db.incidents.bulkGet(data.incidents.map((i) => i.id))
  return existing.filter((i) => i !== undefined).map((i) => i.id)
}

export interface ImportSummary {
  added: number
  replaced: number
  skipped: number
}

export interface ImportOptions {
  onProgress?: (done: number, total: number) => void
  /** Cancelling rolls the whole import back: nothing is written. */
  signal?: AbortSignal
}

/** An id in the file already belongs to something here that the import must not change. */
export class IdCollision extends DbError {
  constructor(noun: string, id: string, owner: string) {
    super(
      'invalid',
      `Couldn't import this file: its ${noun} ${JSON.stringify(id)} has the same id as one already here (in "${owner}"), and importing it would overwrite yours. Nothing was changed.`,
    )
  }
}

const CHUNK = 5000

/** The position of the first row a bulk add refused because its key is already taken, if any. */
function takenAt(error: InstanceType<typeof Dexie.BulkError>): number | undefined {
  const refused = Object.entries(error.failuresByPos).find(
    ([, failure]) => failure.name === 'ConstraintError',
  )
  return refused && Number(refused[0])
}

/**
 * Writes a validated export in one transaction. Incidents that already exist are skipped or
 * replaced (with everything that belongs to them), as the user chose. Nothing that is kept is ever
 * changed: an incoming event or action item whose id belongs to a record here that is not being
 * replaced refuses the whole import.
 */
export async function importExport(
  db: SteadyDb,
  data: SteadyExport,
  onConflict: 'skip' | 'replace',
  { onProgress, signal }: ImportOptions = {},
): Promise<ImportSummary> {
  const tables = [db.incidents, db.events, db.actionItems, db.postmortems, db.settings]
  try {
    return await db.transaction('rw', tables, async () => {
      const conflicts = new Set(await findConflicts(db, data))
      const take = (id: string) => !conflicts.has(id) || onConflict === 'replace'
      if (onConflict === 'replace' && conflicts.size) {
        const ids = [...conflicts]
        await db.events.where('incidentId').anyOf(ids).delete()
        await db.actionItems.where('incidentId').anyOf(ids).delete()
        await db.postmortems.bulkDelete(ids)
      }
      const incidents = data.incidents.filter((i) => take(i.id))
      const events = data.events.filter((e) => take(e.incidentId))
      const items = data.actionItems.filter((i) => take(i.incidentId))
      const total = incidents.length + events.length + items.length
      let done = 0
      const owner = async (incidentId: string) =>
        incidentTitle((await db.incidents.get(incidentId)) ?? { title: incidentId, symptoms: '' })
      /**
       * Writes rows in chunks, refusing any whose id is already taken here: the database itself
       * refuses to add a key it holds, so nothing is read first (reading every id doubled an
       * import's time), and the refusal rolls the whole transaction back.
       */
      const write = async <R extends { id: string; incidentId: string }>(
        table: typeof db.events | typeof db.actionItems,
        rows: R[],
        noun: string,
      ) => {
        for (let i = 0; i < rows.length; i += CHUNK) {
          signal?.throwIfAborted()
          const chunk = rows.slice(i, i + CHUNK)
          try {
            await (table as typeof db.events).bulkAdd(chunk as never)
          } catch (error) {
            const refused =
              error instanceof Dexie.BulkError ? chunk[takenAt(error) ?? -1] : undefined
            if (!refused) throw error
            const here = await table.get(refused.id)
            throw new IdCollision(noun, refused.id, await owner(here?.incidentId ?? refused.id))
          }
          done += chunk.length
          onProgress?.(done, total)
        }
      }
      // Items before their incidents: a new incident's summary then counts its items once, as it
      // is written, instead of once for the incident and again for every chunk of items.
      await write(db.actionItems, items, 'action item')
      await db.incidents.bulkPut(incidents)
      done += incidents.length
      onProgress?.(done, total)
      await write(db.events, events, 'timeline event')
      await db.postmortems.bulkPut(data.postmortems.filter((p) => take(p.incidentId)))
      if (data.settings && !(await db.settings.get('settings')))
        await db.settings.put({ key: 'settings', value: data.settings })
      signal?.throwIfAborted()
      const replaced = onConflict === 'replace' ? conflicts.size : 0
      return {
        added: incidents.length - replaced,
        replaced,
        skipped: data.incidents.length - incidents.length,
      }
    })
  } catch (error) {
    if (signal?.aborted) throw new DbError('invalid', 'Import cancelled. Nothing was changed.')
    throw error instanceof DbError ? error : toDbError(error, 'write')
  }
}

/** Replaces the whole database with a backup, in one transaction (a restore). */
export async function replaceAll(db: SteadyDb, data: SteadyExport): Promise<void> {
  const tables = [db.incidents, db.events, db.actionItems, db.postmortems, db.settings]
  try {
    await db.transaction('rw', tables, async () => {
      await Promise.all(tables.map((t) => t.clear()))
      await db.incidents.bulkPut(data.incidents)
      await db.events.bulkPut(data.events)
      await db.actionItems.bulkPut(data.actionItems)
      await db.postmortems.bulkPut(data.postmortems)
      if (data.settings) await db.settings.put({ key: 'settings', value: data.settings })
    })
  } catch (error) {
    throw toDbError(error, 'write')
  }
}
