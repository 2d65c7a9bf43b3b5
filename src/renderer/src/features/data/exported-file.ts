/** The files an export makes, each made the same way in the export's worker or on the page. */
import type { SteadyDb } from '../../db/database'
import {
  exportStream,
  textStream,
  type ExportCounts,
  type ExportSource,
} from '../../db/export-writer'

/** Everything (the JSON export, a backup), or one of the two CSV files. */
export type ExportedFile = 'everything' | 'incidents.csv' | 'action-items.csv'

export function exportedFile(
  db: SteadyDb,
  file: ExportedFile,
  options: { now: number; gzip?: boolean },
): ExportSource {
  if (file === 'everything') return exportStream(db, options)
  return textStream((counts) => csvText(db, file, counts), options)
}

/** A CSV file's text; its writer (and Papa Parse) loaded when first asked for. */
async function* csvText(
  db: SteadyDb,
  file: Exclude<ExportedFile, 'everything'>,
  counts: ExportCounts,
): AsyncGenerator<string> {
  const { actionItemsCsv, incidentsCsv } = await import('./csv-export')
  yield* (file === 'incidents.csv' ? incidentsCsv : actionItemsCsv)(db, counts)
}
