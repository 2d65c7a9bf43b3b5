/**
 * Everything Steady knows, as one JSON file, and back. Export reads the whole database in one
 * transaction. Import validates the whole file before it writes anything, then writes it in one
 * transaction: all or nothing. A bad or foreign file gets a message that names what is wrong, and
 * the database stays exactly as it was.
 */
import { notesFromEvents, timelineEventSchema } from '@shared/domain/events'
import { actionItemSchema, incidentSchema, settingsSchema } from '@shared/domain/model'
import { postmortemDocSchema } from '@shared/domain/postmortem'
import { z } from 'zod'
import type { PostmortemRow, SteadyDb } from './database'
import { DbError, toDbError } from './errors'
import { CURRENT_VERSION } from './schema'

export const EXPORT_FORMAT = 'steady-export'
export const EXPORT_VERSION = 1
/** Larger files are refused before parsing: nobody's incident history is 200 MB. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string().max(40),
  incidents: z.array(incidentSchema).max(100_000),
  events: z.array(timelineEventSchema).max(5_000_000),
  actionItems: z.array(actionItemSchema).max(500_000),
  postmortems: z
    .array(
      z.object({
        incidentId: z.string().min(1).max(64),
        doc: postmortemDocSchema,
        updatedAt: z.number(),
      }),
    )
    .max(100_000),
  settings: settingsSchema.nullable(),
})
/** Post-mortem documents are checked loosely here; the editor's schema is their real check. */
export type SteadyExport = Omit<z.infer<typeof exportSchema>, 'postmortems'> & {
  postmortems: PostmortemRow[]
}

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

export type ParseResult = { ok: true; data: SteadyExport } | { ok: false; message: string }

const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0]
  if (!issue) return 'it does not match the export format'
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : ''
  return `${issue.message}${where}`
}

/** Checks a file's text completely. Never throws: a problem comes back as a message. */
export function parseExport(text: string): ParseResult {
  const fail = (why: string): ParseResult => ({
    ok: false,
    message: `Couldn't read this file: ${why}. Nothing was changed.`,
  })
  if (text.length > MAX_IMPORT_BYTES) return fail('it is larger than 200 MB')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return fail("it isn't JSON")
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail("it isn't a Steady export")
  const record = raw as Record<string, unknown>
  if (record['format'] !== EXPORT_FORMAT) return fail("it isn't a Steady export (missing 'format')")
  if (record['version'] !== EXPORT_VERSION)
    return fail(
      `it was made by another version of Steady (export version ${String(record['version'])})`,
    )
  const parsed = exportSchema.safeParse(raw)
  if (!parsed.success) return fail(firstIssue(parsed.error))
  const data = parsed.data as SteadyExport
  const ids = new Set(data.incidents.map((i) => i.id))
  if (ids.size !== data.incidents.length) return fail('two incidents share an id')
  const orphan =
    data.events.find((e) => !ids.has(e.incidentId)) ??
    data.actionItems.find((i) => !ids.has(i.incidentId)) ??
    data.postmortems.find((p) => !ids.has(p.incidentId))
  if (orphan)
    return fail(
      `it refers to incident ${JSON.stringify(orphan.incidentId)}, which it does not contain`,
    )
  return { ok: true, data: withNoteIds(data) }
}

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

/**
 * Writes a validated export in one transaction. Incidents that already exist are skipped or
 * replaced (with everything that belongs to them), as the user chose.
 */
export async function importExport(
  db: SteadyDb,
  data: SteadyExport,
  onConflict: 'skip' | 'replace',
  onProgress?: (done: number, total: number) => void,
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
      const total = incidents.length + events.length
      await db.incidents.bulkPut(incidents)
      const CHUNK = 5000
      for (let i = 0; i < events.length; i += CHUNK) {
        await db.events.bulkPut(events.slice(i, i + CHUNK))
        onProgress?.(incidents.length + Math.min(i + CHUNK, events.length), total)
      }
      await db.actionItems.bulkPut(data.actionItems.filter((i) => take(i.incidentId)))
      await db.postmortems.bulkPut(data.postmortems.filter((p) => take(p.incidentId)))
      if (data.settings && !(await db.settings.get('settings')))
        await db.settings.put({ key: 'settings', value: data.settings })
      const replaced = onConflict === 'replace' ? conflicts.size : 0
      return {
        added: incidents.length - replaced,
        replaced,
        skipped: data.incidents.length - incidents.length,
      }
    })
  } catch (error) {
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

/** A snapshot for a backup: the export as text, and what it holds. */
export async function snapshotOf(
  db: SteadyDb,
): Promise<{ json: string; counts: Record<string, number> }> {
  const data = await exportAll(db)
  return {
    json: JSON.stringify(data),
    counts: {
      incidents: data.incidents.length,
      events: data.events.length,
      actionItems: data.actionItems.length,
      postmortems: data.postmortems.length,
    },
  }
}
