/**
 * Imports run here, off the page's thread: reading (plain or gzip, streamed when large), parsing
 * and checking a file of any size Steady writes (row by row, kept outside the heap), then writing
 * it in one transaction, never freezes the window, and the page can report progress and cancel.
 * The worker opens the same database; Dexie tells the page's live queries what changed.
 */
import { SteadyDb } from '../../db/database'
import { openDatabase } from '../../db/errors'
import type { CheckedExport } from '../../db/export-check'
import { checkExportFile } from '../../db/export-reader'
import { findConflicts, importExport, restoreFile } from '../../db/transfer'
import { docProblem } from '../../editor/schema'
import type { FromWorker, ToWorker } from './import-protocol'

// The page's lib types `self` as a window; in here it is the worker's scope.
const scope = self as unknown as {
  postMessage(message: FromWorker): void
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null
}
const post = (message: FromWorker) => scope.postMessage(message)
let checked: CheckedExport | null = null
const cancel = new AbortController()
const db = openDatabase(new SteadyDb())

scope.onmessage = (event) => {
  const message = event.data
  if (message.type === 'cancel') cancel.abort()
  else if (message.type === 'check') void check(message.file)
  else if (message.type === 'restore') void restore(message.file)
  else void write(message.onConflict)
}

async function check(file: Blob): Promise<void> {
  post({ type: 'progress', stage: 'reading', done: 0, total: file.size })
  const parsed = await checkExportFile(file, {
    checkDoc: docProblem,
    onRead: (done) => post({ type: 'progress', stage: 'reading', done, total: file.size }),
    onProgress: (done, total) => post({ type: 'progress', stage: 'checking', done, total }),
  })
  if (!parsed.ok) return post({ type: 'checked', ok: false, message: parsed.message })
  checked = parsed.data
  const conflicts = (await findConflicts(await db, checked)).length
  post({ type: 'checked', ok: true, incidents: checked.counts.incidents, conflicts })
}

async function write(onConflict: 'skip' | 'replace'): Promise<void> {
  if (!checked) return
  try {
    const summary = await importExport(await db, checked, onConflict, {
      signal: cancel.signal,
      onProgress: (done, total) => post({ type: 'progress', stage: 'writing', done, total }),
    })
    post({ type: 'done', summary })
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

/** A backup's restore: checked as an import is, then it replaces everything (see backup-files). */
async function restore(file: Blob): Promise<void> {
  try {
    await restoreFile(await db, file, docProblem)
    post({ type: 'restored' })
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}
