/**
 * Automatic backups from the page's side: written as compressed export files in pieces (any size,
 * never one string), read back in pieces for a restore. The main process keeps them
 * (src/main/backups); a restore first saves what is here as a backup of its own, so it can be undone.
 */
import type { BackupInfo, BackupReason } from '@shared/ipc-contract'
import { writeExport, type ExportOptions } from '../../db/export-writer'
import { exportSource } from './export-source'
import { allAutosaves, db } from '../../db/instance'
import { restoreFile } from '../../db/transfer'
import type { Platform } from '../../platform'
import type { FromWorker, ToWorker } from './import-protocol'

type Backups = NonNullable<Platform['backups']>

/** Writes a backup of everything, words still being typed included; null: nothing changed. */
export async function writeBackup(
  backups: Backups,
  reason: BackupReason,
  options: ExportOptions = {},
): Promise<BackupInfo | null> {
  await Promise.all(allAutosaves.map((a) => a.flush()))
  const token = await backups.begin(reason)
  const { saved } = await writeExport(
    exportSource({ gzip: true, now: options.now }),
    {
      write: async (bytes) => void (await backups.append(token, bytes)),
      close: ({ counts, fingerprint }) => backups.finish(token, { counts, fingerprint }),
      abort: async () => void (await backups.finish(token, null).catch(() => null)),
    },
    options,
  )
  return saved
}

/** A backup's whole file, read a piece at a time (kept by the browser, not as one string). */
export async function readBackup(backups: Backups, name: string): Promise<Blob> {
  const parts: Uint8Array[] = []
  let offset = 0
  for (;;) {
    const { bytes, size } = await backups.read(name, offset)
    parts.push(bytes)
    offset += bytes.byteLength
    if (offset >= size || !bytes.byteLength) break
  }
  return new Blob(parts as BlobPart[])
}

/**
 * Replaces everything with a backup: what is here is saved as a backup first (so the restore can
 * be undone), then the backup is read, checked as an import is, and written in one transaction,
 * in the import worker (at 100,000 incidents that is minutes the window stays usable), or here
 * where there are no workers (unit tests). A backup that cannot be read changes nothing and says why.
 */
export async function restoreBackup(backups: Backups, backup: BackupInfo): Promise<void> {
  await writeBackup(backups, 'before-restore')
  const file = await readBackup(backups, backup.name)
  if (typeof Worker === 'undefined') return restoreHere(file)
  const job = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
  try {
    await new Promise<void>((resolve, reject) => {
      job.onerror = (event) =>
        reject(new Error(`Couldn't restore this backup: ${event.message}. Nothing was changed.`))
      job.onmessage = ({ data }: MessageEvent<FromWorker>) => {
        if (data.type === 'restored') resolve()
        else if (data.type === 'failed') reject(new Error(data.message))
      }
      job.postMessage({ type: 'restore', file } satisfies ToWorker)
    })
  } finally {
    job.terminate()
  }
}

async function restoreHere(file: Blob): Promise<void> {
  // The editor's schema is loaded only now: it is large, and the settings open with the app.
  const { docProblem } = await import('../../editor/schema')
  await restoreFile(db, file, docProblem)
}
