/** A CSV file read for import (see CsvImport.tsx); Steady's own CSV export is csv-export.ts. */
import Papa from 'papaparse'

export type ParsedCsv =
  { ok: true; headers: string[]; rows: Record<string, string>[] } | { ok: false; message: string }

/**
 * A CSV file with a header line, as rows by column name. A row with more or fewer cells than the
 * header refuses the file (a misplaced quote would otherwise shift every column after it).
 */
export function parseCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  })
  const headers = (parsed.meta.fields ?? []).filter(Boolean)
  if (headers.length === 0)
    return { ok: false, message: 'This file has no header line naming its columns.' }
  const broken = parsed.errors.filter((e) => e.type === 'FieldMismatch' || e.type === 'Quotes')
  if (broken.length) {
    const first = broken[0]
    const line = first?.row === undefined ? '' : ` (row ${first.row + 2})`
    return {
      ok: false,
      message: `This file is not a clean CSV table${line}: ${first?.message ?? 'unreadable'}. Nothing was imported.`,
    }
  }
  return { ok: true, headers, rows: parsed.data }
}
