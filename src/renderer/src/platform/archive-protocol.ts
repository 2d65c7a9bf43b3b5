/** Messages between the page and the worker that makes a browser's .zip (archive.worker.ts). */
export type ToArchive =
  | { type: 'start'; fileNames: string[]; where: string }
  | { type: 'file'; index: number; content: string }
  | { type: 'end' }

export type FromArchive = { type: 'done'; archive: Blob } | { type: 'failed'; message: string }
