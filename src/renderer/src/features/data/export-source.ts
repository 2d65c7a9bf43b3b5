/**
 * An export (everything, or a CSV file), made in a worker (export.worker.ts) and pulled by the
 * page a piece at a time, compressed (when asked) in a second worker as the pieces come, so
 * reading and compressing run side by side; made on the page where there are no workers (unit
 * tests).
 */
import { pendingResult, type ExportSource } from '../../db/export-writer'
import { db } from '../../db/instance'
import { exportedFile, type ExportedFile } from './exported-file'
import type { FromCompress, ToCompress } from './compress-protocol'
import type { FromExport, ToExport } from './export-protocol'

export function exportSource(options: {
  gzip: boolean
  now?: number
  file?: ExportedFile
}): ExportSource {
  const { now = Date.now(), file = 'everything' } = options
  if (typeof Worker === 'undefined') return exportedFile(db, file, { now, gzip: options.gzip })
  const plain = plainInWorker(now, file)
  if (!options.gzip) return plain
  return { bytes: plain.bytes.pipeThrough(compressedInWorker()), result: plain.result }
}

/** The export's bytes, uncompressed, from its worker. */
function plainInWorker(now: number, file: ExportedFile): ExportSource {
  const worker = new Worker(new URL('./export.worker.ts', import.meta.url), {
    type: 'module',
    name: 'export',
  })
  const send = (message: ToExport) => worker.postMessage(message)
  const { result, finished, failed } = pendingResult()
  let waiting: { resolve(piece: Uint8Array | null): void; reject(error: Error): void } | null = null
  const stop = (error: Error) => {
    worker.terminate()
    waiting?.reject(error)
    failed(error)
  }
  worker.onmessage = ({ data }: MessageEvent<FromExport>) => {
    if (data.type === 'piece') waiting?.resolve(data.bytes)
    else if (data.type === 'done') {
      worker.terminate()
      finished(data.result)
      waiting?.resolve(null)
    } else stop(new Error(data.message))
  }
  worker.onerror = (event) => {
    event.preventDefault()
    stop(new Error(event.message || 'The export stopped.'))
  }
  const bytes = new ReadableStream<Uint8Array>({
    start: () => send({ type: 'start', now, file }),
    pull: async (controller) => {
      const piece = await new Promise<Uint8Array | null>((resolve, reject) => {
        waiting = { resolve, reject }
        send({ type: 'next' })
      })
      if (piece) controller.enqueue(piece)
      else controller.close()
    },
    cancel: () => stop(new Error('The export was cancelled.')),
  })
  return { bytes, result }
}

/** A piece that can be handed to a worker whole (its memory is its own, not part of another's). */
const own = (bytes: Uint8Array) =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()

/**
 * Bytes compressed (gzip) in a worker of their own: each piece is handed over, and the next is
 * taken once it is compressed, while the export's worker already makes the one after.
 */
function compressedInWorker(): TransformStream<Uint8Array, Uint8Array> {
  const worker = new Worker(new URL('./compress.worker.ts', import.meta.url), {
    type: 'module',
    name: 'compress',
  })
  const send = (message: ToCompress, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer)
  let failure: Error | null = null
  let taken: (() => void) | null = null
  let ended: { resolve(): void; reject(error: Error): void } | null = null
  const stop = (error: Error) => {
    failure ??= error
    worker.terminate()
    taken?.()
    ended?.reject(failure)
  }
  // `cancel` (the reader gave up: the worker is stopped) is newer than TypeScript's types.
  const transformer: Transformer<Uint8Array, Uint8Array> & { cancel(): void } = {
    start(controller) {
      worker.onmessage = ({ data }: MessageEvent<FromCompress>) => {
        if (data.type === 'out') controller.enqueue(data.bytes)
        else if (data.type === 'taken') {
          const next = taken
          taken = null
          next?.()
        } else if (data.type === 'done') {
          worker.terminate()
          ended?.resolve()
        } else stop(new Error(data.message))
      }
      worker.onerror = (event) => {
        event.preventDefault()
        stop(new Error(event.message || 'Compressing the export stopped.'))
      }
    },
    async transform(chunk) {
      if (failure) throw failure
      const piece = own(chunk)
      await new Promise<void>((resolve) => {
        taken = resolve
        send({ type: 'in', bytes: piece }, [piece.buffer])
      })
      if (failure) throw failure
    },
    flush: () =>
      new Promise<void>((resolve, reject) => {
        ended = { resolve, reject }
        if (failure) reject(failure)
        else send({ type: 'end' })
      }),
    cancel: () => stop(new Error('The export was cancelled.')),
  }
  return new TransformStream(transformer)
}
