/**
 * Everything Steady knows, as one JSON file, and back. Export reads the whole database in one
 * transaction. Import checks the whole file before it writes anything (export-check.ts), then
 * writes it in one transaction: all or nothing. A bad or foreign file gets a message that names
 * what is wrong, and the database stays exactly as it was.
 */
import { notesFromEvents, type TimelineEvent } from '@shared/domain/events'
import { incidentTitle, type ActionItem, type Incident, type Settings } from '@shared/domain/model'
import Dexie from 'dexie'
import type { PostmortemRow, SteadyDb } from './database'
import { DbError, toDbError } from './errors'
import {
  eachPiece,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type CheckedExport,
  type Row,
  type TableName,
} from './export-check'
import { checkExportFile } from './export-reader'
import { CURRENT_VERSION } from './schema'

export { EXPORT_FORMAT, EXPORT_VERSION }

/** What exportAll returns: everything, as the file holds it. */
export interface SteadyExport {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_VERSION
  schemaVersion: number
  exportedAt: string
  incidents: Incident[]
  events: TimelineEvent[]
  actionItems: ActionItem[]
  postmortems: PostmortemRow[]
  settings: Settings | null
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

/** Incidents in the file that already exist here. */
export async function findConflicts(db: SteadyDb, data: CheckedExport): Promise<string[]> {
  const existing = await db.incidents.bulkGet(data.incidentIds)
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

/** The position of the first row a bulk add refused because its key is already taken, if any. */
function takenAt(error: InstanceType<typeof Dexie.BulkError>): number | undefined {
  const refused = Object.entries(error.failuresByPos).find(
    ([, failure]) => failure.name === 'ConstraintError',
  )
  return refused && Number(refused[0])
}

/**
 * Files from before notes could be edited hold each note as plain text: its id is taken from the
 * event that added it (as the schema v4 migration does), so it can be edited after the import.
 * Read before the import's transaction (only such files have any); returns what to write for
 * each incident.
 */
async function withNoteIds(data: CheckedExport): Promise<(incident: Incident) => Incident> {
  if (!data.legacyNotes.size) return (incident) => incident
  const events: TimelineEvent[] = []
  await eachPiece(data, 'events', (piece) =>
    events.push(...piece.filter((e) => data.legacyNotes.has(e.incidentId))),
  )
  const notes = notesFromEvents(events)
  return (incident) =>
    data.legacyNotes.has(incident.id)
      ? { ...incident, notes: notes.get(incident.id) ?? [] }
      : incident
}

/** Rows read from the checked file inside a transaction, which stays open while they are read. */
const eachIn = <T extends TableName>(
  data: CheckedExport,
  table: T,
  take: (rows: Row<T>[]) => Promise<unknown>,
) => eachPiece(data, table, take, (read) => Dexie.waitFor(read))

/**
 * Writes a checked export in one transaction, a piece of a few thousand rows at a time (read from
 * the checked file as it goes: the whole file is never in memory). Incidents that already exist
 * are skipped or replaced (with everything that belongs to them), as the user chose. Nothing that
 * is kept is ever changed: an incoming event or action item whose id belongs to a record here
 * that is not being replaced refuses the whole import.
 */
export async function importExport(
  db: SteadyDb,
  data: CheckedExport,
  onConflict: 'skip' | 'replace',
  { onProgress, signal }: ImportOptions = {},
): Promise<ImportSummary> {
  const tables = [db.incidents, db.events, db.actionItems, db.postmortems, db.settings]
  const asWritten = await withNoteIds(data)
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
      const { counts } = data
      const total = counts.incidents + counts.events + counts.actionItems
      let done = 0
      let taken = 0
      const owner = async (incidentId: string) =>
        incidentTitle((await db.incidents.get(incidentId)) ?? { title: incidentId, symptoms: '' })
      /**
       * Writes rows, refusing any whose id is already taken here: the database itself refuses to
       * add a key it holds, so nothing is read first (reading every id doubled an import's time),
       * and the refusal rolls the whole transaction back.
       */
      const write = (table: 'events' | 'actionItems', noun: string) =>
        eachIn(data, table, async (piece) => {
          signal?.throwIfAborted()
          const rows = piece.filter((row) => take(row.incidentId))
          try {
            await (db[table] as typeof db.events).bulkAdd(rows as TimelineEvent[])
          } catch (error) {
            const refused =
              error instanceof Dexie.BulkError ? rows[takenAt(error) ?? -1] : undefined
            if (!refused) throw error
            const here = await db[table].get(refused.id)
            throw new IdCollision(noun, refused.id, await owner(here?.incidentId ?? refused.id))
          }
          done += piece.length
          onProgress?.(done, total)
        })
      // Items before their incidents: a new incident's summary then counts its items once, as it
      // is written, instead of once for the incident and again for every piece of items.
      await write('actionItems', 'action item')
      await eachIn(data, 'incidents', async (piece) => {
        signal?.throwIfAborted()
        const incidents = piece.filter((i) => take(i.id)).map(asWritten)
        await db.incidents.bulkPut(incidents)
        taken += incidents.length
        done += piece.length
        onProgress?.(done, total)
      })
      await write('events', 'timeline event')
      await eachIn(data, 'postmortems', (piece) =>
        db.postmortems.bulkPut(piece.filter((p) => take(p.incidentId)) as PostmortemRow[]),
      )
      if (data.settings && !(await db.settings.get('settings')))
        await db.settings.put({ key: 'settings', value: data.settings })
      signal?.throwIfAborted()
      const replaced = onConflict === 'replace' ? conflicts.size : 0
      return { added: taken - replaced, replaced, skipped: counts.incidents - taken }
    })
  } catch (error) {
    if (signal?.aborted) throw new DbError('invalid', 'Import cancelled. Nothing was changed.')
    throw error instanceof DbError ? error : toDbError(error, 'write')
  }
}

/** Replaces the whole database with a checked backup, in one transaction (a restore). */
export async function replaceAll(db: SteadyDb, data: CheckedExport): Promise<void> {
  const tables = [db.incidents, db.events, db.actionItems, db.postmortems, db.settings]
  const asWritten = await withNoteIds(data)
  try {
    await db.transaction('rw', tables, async () => {
      await Promise.all(tables.map((t) => t.clear()))
      await eachIn(data, 'incidents', (piece) => db.incidents.bulkPut(piece.map(asWritten)))
      await eachIn(data, 'events', (piece) => db.events.bulkPut(piece as TimelineEvent[]))
      await eachIn(data, 'actionItems', (piece) => db.actionItems.bulkPut(piece))
      await eachIn(data, 'postmortems', (piece) => db.postmortems.bulkPut(piece as PostmortemRow[]))
      if (data.settings) await db.settings.put({ key: 'settings', value: data.settings })
    })
  } catch (error) {
    throw toDbError(error, 'write')
  }
}

/**
 * Replaces everything with a backup file, checked as an import is first (`checkDoc`: the editor's
 * check of each post-mortem). Throws the reason a file cannot be restored; nothing is changed then.
 */
export async function restoreFile(
  db: SteadyDb,
  file: Blob,
  checkDoc: (doc: unknown) => string | null,
): Promise<void> {
  const checked = await checkExportFile(file, { checkDoc })
  if (!checked.ok) throw new Error(checked.message)
  await replaceAll(db, checked.data)
}
