import {
  IMPORT_FIELDS,
  guessMapping,
  mapRows,
  type ColumnMapping,
  type ImportField,
} from '@shared/domain/csv-import'
import { plural } from '@shared/domain/vocabulary'
import { useId, useMemo, useRef, useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { shownZone, shownZoneLabel } from '../../components/format'
import { incidentsRepo } from '../../db/instance'

/** A spreadsheet of past incidents is small; anything near this is not one. */
const MAX_CSV_BYTES = 100 * 1024 * 1024
const FIELDS = Object.keys(IMPORT_FIELDS) as ImportField[]

interface CsvFile {
  name: string
  headers: string[]
  rows: Record<string, string>[]
}

/**
 * "Import from a spreadsheet (CSV)…": past incidents from a spreadsheet or another tracker. The user
 * says which column holds what (guessed from the headers), sees the first rows as Steady reads
 * them, and imports all of them, or none when a row is wrong.
 */
export function CsvImport({ onMessage }: { onMessage: (message: string) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<CsvFile | null>(null)
  const choose = async (chosen: File) => {
    if (chosen.size > MAX_CSV_BYTES)
      return onMessage(`${chosen.name} is larger than 100 MB: not a table of incidents.`)
    const { parseCsv } = await import('./csv')
    const parsed = parseCsv(await chosen.text())
    if (!parsed.ok) return onMessage(parsed.message)
    setFile({ name: chosen.name, headers: parsed.headers, rows: parsed.rows })
  }
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Import from a spreadsheet (CSV)…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        aria-label="CSV file to import"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const chosen = e.target.files?.[0]
          e.target.value = ''
          if (chosen) void choose(chosen)
        }}
      />
      {file && (
        <MappingDialog
          file={file}
          onClose={() => setFile(null)}
          onDone={(message) => {
            setFile(null)
            onMessage(message)
          }}
        />
      )}
    </>
  )
}

function MappingDialog(props: {
  file: CsvFile
  onClose: () => void
  onDone: (message: string) => void
}) {
  const { file } = props
  const id = useId()
  const [mapping, setMapping] = useState<ColumnMapping>(() => guessMapping(file.headers))
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState('')
  const [now] = useState(() => Date.now())
  const result = useMemo(
    () => mapRows(file.rows, mapping, { zone: shownZone(), now, source: file.name }),
    [file, mapping, now],
  )
  const used = FIELDS.filter((f) => mapping[f])
  const run = async () => {
    if (!result.ok) return
    setBusy(true)
    try {
      await incidentsRepo.importMany(result.incidents.map((i) => i.drafts))
      props.onDone(`Imported ${plural(result.incidents.length, 'incident')} from ${file.name}.`)
    } catch (error) {
      setFailure(`Nothing was imported: ${error instanceof Error ? error.message : String(error)}`)
      setBusy(false)
    }
  }
  return (
    <Dialog label="Import incidents from CSV" onClose={props.onClose} className="csv-import">
      <h2>Import incidents from CSV</h2>
      <p className="muted">
        {file.name}: {plural(file.rows.length, 'row')}. Say which column holds what; times without a
        zone are read in {shownZoneLabel()}.
      </p>
      <div className="mapping">
        {FIELDS.map((field) => (
          <div key={field} className="mapping-row">
            <label htmlFor={`${id}-${field}`}>
              {IMPORT_FIELDS[field].label}
              {IMPORT_FIELDS[field].required && <span className="muted"> (needed)</span>}
            </label>
            <select
              id={`${id}-${field}`}
              className="input select"
              value={mapping[field]}
              onChange={(e) => setMapping((m) => ({ ...m, [field]: e.target.value }))}
            >
              <option value="">Not in the file</option>
              {file.headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="mapping-preview">
        <table className="data-table">
          <caption>The first rows as Steady reads them</caption>
          <thead>
            <tr>
              {used.map((field) => (
                <th key={field} scope="col">
                  {IMPORT_FIELDS[field].label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {file.rows.slice(0, 3).map((row, n) => (
              <tr key={n}>
                {used.map((field) => (
                  <td key={field}>{(row[mapping[field]] ?? '').slice(0, 60)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!result.ok && (
        <div className="import-problems" role="alert">
          <p>
            {result.errors.length === 1 && !result.errors[0]?.startsWith('Row')
              ? result.errors[0]
              : `${plural(result.errors.length, 'row')} of ${result.total} cannot be imported, so none will be until they are fixed:`}
          </p>
          {result.errors[0]?.startsWith('Row') && (
            <ul>
              {result.errors.slice(0, 10).map((error) => (
                <li key={error}>{error}</li>
              ))}
              {result.errors.length > 10 && <li>And {result.errors.length - 10} more.</li>}
            </ul>
          )}
        </div>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button quiet" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!result.ok || busy}
          onClick={() => void run()}
        >
          {result.ok ? `Import ${plural(result.incidents.length, 'incident')}` : 'Import'}
        </button>
      </div>
    </Dialog>
  )
}
