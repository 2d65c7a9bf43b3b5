/** Messages between the page and the import worker (an import, or a backup's restore). */
import type { ImportSummary } from '../../db/transfer'

export type ImportStage = 'reading' | 'checking' | 'writing'

export type ToWorker =
  | { type: 'check'; file: Blob }
  | { type: 'import'; onConflict: 'skip' | 'replace' }
  | { type: 'cancel' }
  | { type: 'restore'; file: Blob }

export type FromWorker =
  | { type: 'progress'; stage: ImportStage; done: number; total: number }
  | { type: 'checked'; ok: false; message: string }
  | { type: 'checked'; ok: true; incidents: number; conflicts: number }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'restored' }
  | { type: 'failed'; message: string }
