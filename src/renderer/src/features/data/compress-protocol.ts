/** Messages between the page and the worker that compresses an export as it is written. */
export type ToCompress = { type: 'in'; bytes: Uint8Array } | { type: 'end' }

export type FromCompress =
  | { type: 'out'; bytes: Uint8Array }
  /** The last piece sent is compressed: the next may come. */
  | { type: 'taken' }
  | { type: 'done' }
  | { type: 'failed'; message: string }
