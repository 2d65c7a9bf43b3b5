/** Messages between the page and the export worker: the page pulls one piece at a time. */
import type { ExportResult } from '../../db/export-writer'
import type { ExportedFile } from './exported-file'

export type ToExport =
  { type: 'start'; now: number; file: ExportedFile } | { type: 'next' } | { type: 'cancel' }

export type FromExport =
  | { type: 'piece'; bytes: Uint8Array }
  | { type: 'done'; result: ExportResult }
  | { type: 'failed'; message: string }
