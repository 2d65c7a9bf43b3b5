/**
 * The emergency copy a failed save offers: the words not yet saved (the autosave journals) and
 * everything the database can still read, as one JSON file written as it is read. Years of
 * history are hundreds of megabytes: gathered into one string first, the copy failed at the
 * moment it was needed.
 */
import { format } from 'date-fns'
import type { SteadyDb } from '../db/database'
import { writeExport, type ByteSink, type ExportSource } from '../db/export-writer'
import { exportSource } from '../features/data/export-source'
import type { Platform } from '../platform/platform'

/** The autosave journals kept in `storage` (every `steady.` key but the interface's own). */
export function unsavedWords(storage: Storage): Record<string, string | null> {
  const unsaved: Record<string, string | null> = {}
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (key?.startsWith('steady.') && key !== 'steady.ui') unsaved[key] = storage.getItem(key)
  }
  return unsaved
}

/**
 * Writes `{"emergencyCopy":true,"unsaved":{…},"saved":<the export>}` into `sink`, the export's
 * rows as they are read. A database that cannot be read at all still gives the unsaved words,
 * with why in place of the export.
 */
export async function writeEmergencyCopy<T>(
  db: SteadyDb,
  sink: ByteSink<T>,
  unsaved: Record<string, string | null>,
  exported: () => ExportSource,
): Promise<T> {
  const encoder = new TextEncoder()
  const head = encoder.encode(
    `{"emergencyCopy":true,\n"unsaved":${JSON.stringify(unsaved, null, 1)},\n"saved":`,
  )
  const problem = await db.settings
    .get('settings')
    .then(() => null)
    .catch((error: Error) => `could not read the database: ${error.message}`)
  if (problem !== null) {
    await sink.write(head)
    await sink.write(encoder.encode(`${JSON.stringify(problem)}}\n`))
    return sink.close({
      counts: { incidents: 0, events: 0, actionItems: 0, postmortems: 0 },
      fingerprint: '',
    })
  }
  let started = false
  const framed: ByteSink<T> = {
    write: async (bytes) => {
      if (!started) await sink.write(head)
      started = true
      await sink.write(bytes)
    },
    close: async (result) => {
      await sink.write(encoder.encode('}\n'))
      return sink.close(result)
    },
    abort: () => sink.abort(),
  }
  return (await writeExport(exported(), framed)).saved
}

/** Asks where, then writes the emergency copy there (the export made in its worker). */
export async function saveEmergencyCopy(platform: Platform, db: SteadyDb): Promise<string> {
  const sink = await platform.saveExport({
    fileName: `steady-emergency-${format(Date.now(), 'yyyy-MM-dd-HHmm')}.json`,
    kind: 'json',
  })
  if (!sink) return 'Cancelled.'
  try {
    const saved = await writeEmergencyCopy(db, sink, unsavedWords(localStorage), () =>
      exportSource({ gzip: false }),
    )
    return saved.saved ? `Saved to ${saved.where ?? 'a file'}.` : 'Cancelled.'
  } catch (error) {
    return `Couldn't write the copy: ${error instanceof Error ? error.message : String(error)}`
  }
}
