/**
 * An export of everything, made in a worker (export.worker.ts) and pulled by the page a piece at
 * a time; made on the page where there are no workers (unit tests).
 */
import { exportStream, pendingResult, type ExportSource } from '../../db/export-writer'
import { db } from '../../db/instance'
import type { FromExport, ToExport } from './export-protocol'

export function exportSource(options: { gzip: boolean; now?: number }): ExportSource {
  const now = options.now ?? Date.now()
  if (typeof Worker === 'undefined') return exportStream(db, { gzip: options.gzip, now })
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
    start: () => send({ type: 'start', gzip: options.gzip, now }),
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
