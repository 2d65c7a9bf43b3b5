/** Messages between the data panel and the import worker. */
import type { ImportSummary } from '../../db/transfer'

export type ImportStage = 'reading' | 'checking' | 'writing'

export type ToWorker =
  | { type: 'check'; file: Blob }
  | { type: 'import'; onConflict: 'skip' | 'replace' }
  | { type: 'cancel' }

export type FromWorker =
  | { type: 'progress'; stage: ImportStage; done: number; total: number }
  | { type: 'checked'; ok: false; message: string }
  | { type: 'checked'; ok: true; incidents: number; conflicts: number }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; message: string }
