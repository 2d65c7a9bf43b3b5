import { plural } from '@shared/domain/vocabulary'
import type { BackupInfo, SaveResult } from '@shared/ipc-contract'
import { format } from 'date-fns'
import { useEffect, useRef, useState } from 'react'
import { CsvImport } from './CsvImport'
import { Dialog } from '../../components/Dialog'
import { usePlatform } from '../../platform/platform-context'
import { allAutosaves } from '../../db/instance'
import { writeExport, writeExports, type ByteSink } from '../../db/export-writer'
import { exportSource } from './export-source'
import { measured } from '../../platform/perf'
import { useUi } from '../../stores/ui-store'
import { restoreBackup } from './backup-files'
import type { FromWorker, ImportStage, ToWorker } from './import-protocol'
import { shareImported } from '../../sync/use-team-sync'

const kb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`

const EXPORTING = 'Exporting…'

const STAGES: Record<ImportStage, string> = {
  reading: 'Reading the file…',
  checking: 'Checking the file…',
  writing: 'Importing…',
}
function progressText(stage: ImportStage, done: number, total: number): string {
  if (stage === 'reading') return STAGES.reading
  return `${STAGES[stage]} ${Math.floor((done / Math.max(total, 1)) * 100)}%`
}

/** Export and import everything; in the desktop app, the automatic backups too. */
export function DataPanel() {
  const platform = usePlatform()
  const [message, setMessage] = useState<string | null>(null)
  const [pending, setPending] = useState<{ conflicts: number } | null>(null)
  const [progress, setProgress] = useState<string | null>(null)
  const [compress, setCompress] = useState(false)
  const exporting = useRef<AbortController | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const worker = useRef<Worker | null>(null)
  useEffect(() => () => worker.current?.terminate(), [])

  /** Runs an export that can be cancelled, saying how it went. */
  const whileExporting = async (run: (signal: AbortSignal) => Promise<string>) => {
    setProgress(EXPORTING)
    const stop = new AbortController()
    exporting.current = stop
    try {
      setMessage(await run(stop.signal))
    } catch (error) {
      setMessage(
        stop.signal.aborted
          ? 'Export cancelled. No file was written.'
          : `Couldn't export: ${error instanceof Error ? error.message : String(error)}`,
      )
    } finally {
      exporting.current = null
      setProgress(null)
    }
  }

  /** Written a page at a time, so an export of any size never freezes the window. */
  const exportEverything = async () => {
    await Promise.all(allAutosaves.map((a) => a.flush()))
    const kind = compress ? 'json.gz' : 'json'
    const sink = await platform.saveExport({
      fileName: `steady-export-${format(Date.now(), 'yyyy-MM-dd')}.${kind}`,
      kind,
    })
    if (!sink) return setMessage('Export cancelled.')
    await whileExporting(async (signal) => {
      const { saved, result } = await measured(compress ? 'export-gzip' : 'export', () =>
        writeExport(exportSource({ gzip: compress }), sink, { signal }),
      )
      return saved.saved
        ? `Exported ${plural(result.counts.incidents, 'incident')} to ${saved.where ?? 'a file'}.`
        : 'Export cancelled.'
    })
  }

  /**
   * Incidents and action items as two CSV files, for a spreadsheet or another tracker: made a page
   * at a time in the export's worker, each file written as it is made, both put in place together.
   */
  const exportCsv = async () => {
    await Promise.all(allAutosaves.map((a) => a.flush()))
    const day = format(Date.now(), 'yyyy-MM-dd')
    const files = ['incidents.csv', 'action-items.csv'] as const
    const folder = await platform.saveExportFolder(files.map((file) => `${day}-${file}`))
    if (!folder) return setMessage('Export cancelled.')
    await whileExporting(async (signal) => {
      const [incidents, items] = await measured('export-csv', () =>
        writeExports(
          files.map((file, i) => ({
            from: exportSource({ gzip: false, file }),
            sink: folder.sinks[i] as ByteSink<SaveResult>,
          })),
          { signal },
        ),
      )
      return (
        `Exported ${plural(incidents?.result.counts.incidents ?? 0, 'incident')} and ` +
        `${plural(items?.result.counts.actionItems ?? 0, 'action item')} to ${folder.where}.`
      )
    })
  }

  /** Every post-mortem as a Markdown file, into one folder, one file at a time. */
  const exportPostmortems = async () => {
    const { exportAllPostmortems } = await import('../postmortem/export')
    await whileExporting((signal) =>
      measured('export-postmortems', () =>
        exportAllPostmortems(platform, {
          signal,
          // Said every few files: at 100,000 a render per file would be the slowest part.
          progress: (done, total) => {
            if (done === total || done % 25 === 0)
              setProgress(`Exporting post-mortems… ${done} of ${total}`)
          },
        }),
      ),
    )
  }
  // Asked for by the command ("Export all post-mortems to a folder…"): started here, where its
  // progress shows and it can be cancelled.
  const requested = useUi((s) => s.postmortemsExportRequested)
  useEffect(() => {
    if (!requested || exporting.current) return
    useUi.setState({ postmortemsExportRequested: false })
    void exportPostmortems()
  })

  const finish = (text: string) => {
    worker.current?.terminate()
    worker.current = null
    setPending(null)
    setProgress(null)
    setMessage(text)
  }

  /** The file is read, checked and written by a worker, so the window never freezes. */
  const chooseFile = (file: File) => {
    const started = performance.now()
    worker.current?.terminate()
    setMessage(null)
    const job = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
    worker.current = job
    const send = (message: ToWorker) => job.postMessage(message)
    job.onerror = (e) => finish(`Couldn't import this file: ${e.message}. Nothing was changed.`)
    job.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data.type === 'progress') setProgress(progressText(data.stage, data.done, data.total))
      else if (data.type === 'checked' && !data.ok) finish(data.message)
      else if (data.type === 'checked') {
        if (data.conflicts) {
          setProgress(null)
          setPending({ conflicts: data.conflicts })
        } else send({ type: 'import', onConflict: 'skip' })
      } else if (data.type === 'failed') finish(data.message)
      else if (data.type === 'done') {
        const { added, replaced, skipped } = data.summary
        performance.measure('steady:import', { start: started })
        shareImported()
        finish(`Imported: ${added} added, ${replaced} replaced, ${skipped} skipped.`)
      }
    }
    send({ type: 'check', file })
  }

  const choose = (onConflict: 'skip' | 'replace') => {
    setPending(null)
    worker.current?.postMessage({ type: 'import', onConflict } satisfies ToWorker)
  }

  /** Before writing starts the worker just stops; while writing, the transaction is rolled back. */
  const cancel = () => {
    if (exporting.current) exporting.current.abort()
    else if (progress?.startsWith('Importing'))
      worker.current?.postMessage({ type: 'cancel' } satisfies ToWorker)
    else finish('Import cancelled. Nothing was changed.')
  }

  return (
    <section aria-labelledby="data-title" className="section">
      <h2 id="data-title" className="settings-heading">
        Your data
      </h2>
      <div className="data-actions">
        <button type="button" className="button" onClick={() => void exportEverything()}>
          Export everything…
        </button>
        <button type="button" className="button" onClick={() => void exportCsv()}>
          Export CSV files…
        </button>
        <button type="button" className="button" onClick={() => void exportPostmortems()}>
          Export all post-mortems…
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          Import from a file…
        </button>
        <CsvImport onMessage={setMessage} />
        <label className="check">
          <input
            type="checkbox"
            checked={compress}
            onChange={(e) => setCompress(e.target.checked)}
          />{' '}
          Compress the export (.json.gz, about a fifth of the size)
        </label>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.gz,application/json,application/gzip"
          aria-label="Import file"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) chooseFile(file)
          }}
        />
      </div>
      {progress && (
        <p role="status" className="import-progress">
          {progress}{' '}
          <button type="button" className="link-button" onClick={cancel}>
            {progress.startsWith('Exporting') ? 'Cancel export' : 'Cancel import'}
          </button>
        </p>
      )}
      {message && (
        <p className="info" role="status">
          {message}
        </p>
      )}
      {pending && (
        <Dialog label="Incidents already here" onClose={cancel}>
          <h2>Incidents already here</h2>
          <p className="muted">
            {pending.conflicts} incident{pending.conflicts === 1 ? '' : 's'} in this file already
            exist here. Keep yours, or replace them with the file's?
          </p>
          <div className="dialog-actions">
            <button type="button" className="button quiet" onClick={cancel}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => choose('replace')}>
              Replace them
            </button>
            <button type="button" className="button primary" onClick={() => choose('skip')}>
              Keep mine
            </button>
          </div>
        </Dialog>
      )}
      {platform.backups && <Backups backups={platform.backups} onMessage={setMessage} />}
    </section>
  )
}

function Backups({
  backups,
  onMessage,
}: {
  backups: NonNullable<ReturnType<typeof usePlatform>['backups']>
  onMessage: (m: string) => void
}) {
  const [list, setList] = useState<BackupInfo[] | null>(null)
  useEffect(() => {
    void backups.list().then(setList)
  }, [backups])
  const restore = async (backup: BackupInfo) => {
    try {
      await restoreBackup(backups, backup)
    } catch (error) {
      return onMessage(error instanceof Error ? error.message : String(error))
    }
    onMessage(
      `Restored the backup from ${format(backup.at, 'd MMM HH:mm')}. Your data before it was saved as a backup, so this can be undone.`,
    )
    setList(await backups.list())
  }
  return (
    <>
      <h3 className="section-title">Automatic backups</h3>
      <p className="field-hint">Every 15 minutes when something changed, and when Steady quits.</p>
      {list && list.length === 0 && <p className="muted">No backup yet.</p>}
      {list && list.length > 0 && (
        <table className="summary-table">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Size</th>
              <th scope="col">Incidents</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.name}>
                <td>
                  {format(b.at, 'd MMM yyyy, HH:mm')}
                  {b.reason === 'before-restore' && (
                    <span className="muted"> (before a restore)</span>
                  )}
                </td>
                <td>{kb(b.size)}</td>
                <td>{b.counts['incidents'] ?? 0}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => void restore(b)}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" className="link-button" onClick={() => void backups.reveal()}>
          Show the backups folder
        </button>
      </p>
    </>
  )
}
