/**
 * Everything Steady knows, as an export file written a page of rows at a time: the file is never
 * held in memory whole (ten years of a team's incidents is hundreds of megabytes), each page is a
 * short read, and `gzip` compresses it on the way out through the platform's CompressionStream.
 * The file is the same format `exportAll` describes, one row per line; `readExportFile` reads it
 * back at any size.
 *
 * Consistency without one long transaction: incidents are written first and their ids kept; the
 * events, action items and post-mortems that follow are written only for those incidents, so an
 * incident created during the export never leaves rows pointing at nothing (the import refuses
 * those). What is added during an export is in the next one.
 */
import type { Table } from 'dexie'
import type { SteadyDb } from './database'
import { pagesOf } from './pages'
import { EXPORT_FORMAT, EXPORT_VERSION } from './transfer'
import { CURRENT_VERSION } from './schema'

export type ExportCounts = Record<'incidents' | 'events' | 'actionItems' | 'postmortems', number>

export interface ExportResult {
  counts: ExportCounts
  /**
   * What the file holds, as a hash of everything after its header (which carries the time of the
   * export): two exports of the same data have the same fingerprint, so a backup of nothing new
   * is not written again.
   */
  fingerprint: string
}

export interface ExportOptions {
  now?: number
  gzip?: boolean
  /** Rows read at a time (smaller in tests, to cross page boundaries). */
  pageSize?: number
  /** Stops the export: the sink is aborted and no file is written. */
  signal?: AbortSignal
  /** Bytes gathered before each write to the sink (4 MB; smaller in tests). */
  block?: number
}

/** Rows per read: large enough that 200,000 events are a hundred reads, small enough to hold. */
const PAGE = 2000

type Row = { id?: string; incidentId?: string }

/** The export file's text, in pieces of about a page of rows. */
async function* exportText(
  db: SteadyDb,
  now: number,
  pageSize: number,
  counts: ExportCounts,
): AsyncGenerator<string> {
  yield (
    `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},` +
    `"schemaVersion":${CURRENT_VERSION},"exportedAt":${JSON.stringify(new Date(now).toISOString())},\n`
  )
  const incidentIds = new Set<string>()
  const tables = [
    ['incidents', db.incidents],
    ['events', db.events],
    ['actionItems', db.actionItems],
    ['postmortems', db.postmortems],
  ] as const
  for (const [name, table] of tables) {
    let text = `"${name}":[`
    let count = 0
    const key = (row: Row) => (name === 'postmortems' ? row.incidentId : row.id) as string
    for await (const rows of pagesOf(table as Table<Row, string>, pageSize, key)) {
      for (const row of rows) {
        if (name === 'incidents') incidentIds.add(row.id as string)
        else if (!incidentIds.has(row.incidentId as string)) continue
        text += `${count ? ',' : ''}\n${JSON.stringify(row)}`
        count++
      }
      yield text
      text = ''
    }
    counts[name] = count
    yield `${text}\n],\n`
  }
  const settings = (await db.settings.get('settings'))?.value ?? null
  yield `"settings":${JSON.stringify(settings)}}\n`
}

/** Keeps a running hash of the pieces after the first (the header with the time). */
function fingerprinter() {
  const encoder = new TextEncoder()
  const digests: Promise<ArrayBuffer>[] = []
  return {
    add: (text: string) => digests.push(crypto.subtle.digest('SHA-256', encoder.encode(text))),
    async result(): Promise<string> {
      const all = await Promise.all(digests)
      const joined = new Uint8Array(all.length * 32)
      all.forEach((digest, i) => joined.set(new Uint8Array(digest), i * 32))
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', joined))
      return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')
    },
  }
}

/**
 * What an export held, once it is over, and how its maker settles it. Read by whoever consumes the
 * export; one that fails unread is not reported as unhandled. (Promise.withResolvers needs Node 22.)
 */
export function pendingResult() {
  let finished!: (result: ExportResult) => void
  let failed!: (error: unknown) => void
  const result = new Promise<ExportResult>((resolve, reject) => {
    finished = resolve
    failed = reject
  })
  result.catch(() => undefined)
  return { result, finished, failed }
}

/**
 * The export file as a stream of bytes, and what it held once the stream has been read to its
 * end. Reading stops when the reader cancels the stream.
 */
export function exportStream(db: SteadyDb, options: ExportOptions = {}): ExportSource {
  const now = options.now ?? Date.now()
  const pageSize = options.pageSize ?? PAGE
  return textStream((counts) => exportText(db, now, pageSize, counts), options)
}

/**
 * A file made of `pieces` (which count what they write) as a stream of bytes, and what it held
 * once the stream has been read to its end (its fingerprint leaves out the first piece).
 */
export function textStream(
  pieces: (counts: ExportCounts) => AsyncGenerator<string>,
  options: Pick<ExportOptions, 'gzip'> = {},
): ExportSource {
  const counts: ExportCounts = { incidents: 0, events: 0, actionItems: 0, postmortems: 0 }
  const text = pieces(counts)
  const hash = fingerprinter()
  let first = true
  const { result, finished, failed } = pendingResult()
  const encoder = new TextEncoder()
  const bytes = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await text.next()
        if (next.done) {
          controller.close()
          finished({ counts, fingerprint: await hash.result() })
          return
        }
        if (!first) hash.add(next.value)
        first = false
        controller.enqueue(encoder.encode(next.value))
      } catch (error) {
        controller.error(error)
        failed(error)
      }
    },
    async cancel(reason) {
      await text.return(undefined)
      failed(reason ?? new Error('The export was cancelled.'))
    },
  })
  return {
    bytes: options.gzip
      ? bytes.pipeThrough(new CompressionStream('gzip') as TransformStream<Uint8Array, Uint8Array>)
      : bytes,
    result,
  }
}

/** An export being made: its bytes, and what it held once they have all been read. */
export interface ExportSource {
  bytes: ReadableStream<Uint8Array>
  result: Promise<ExportResult>
}

/** Where an export's bytes go: a file on the desktop, a download in a browser, a backup. */
export interface ByteSink<T> {
  write(bytes: Uint8Array): Promise<void>
  close(result: ExportResult): Promise<T>
  abort(): Promise<void>
}

/** Pieces are sent on in blocks of about this many bytes (fewer, larger IPC messages). */
const BLOCK = 4 * 1024 * 1024

/**
 * Bytes in blocks of at least `size` (the last one may be smaller). A piece that is a block on its
 * own goes on as it is: the export's worker makes the blocks, and the page only passes them on
 * (joining them on the page too allocated a block there every 4 MB: at 100,000 incidents the page
 * then collected its garbage in tasks of 60–80 ms while exporting).
 */
export function inBlocks(size = BLOCK): TransformStream<Uint8Array, Uint8Array> {
  let parts: Uint8Array[] = []
  let held = 0
  const joined = () => {
    let block = parts[0] as Uint8Array
    if (parts.length > 1) {
      block = new Uint8Array(held)
      let at = 0
      for (const part of parts) {
        block.set(part, at)
        at += part.byteLength
      }
    }
    parts = []
    held = 0
    return block
  }
  return new TransformStream({
    transform(piece, controller) {
      parts.push(piece)
      held += piece.byteLength
      if (held >= size) controller.enqueue(joined())
    },
    flush(controller) {
      if (held) controller.enqueue(joined())
    },
  })
}

/**
 * Writes a whole export into `sink`: `from` is the database (the export is made here) or an
 * export being made elsewhere (in a worker: features/data/export-source.ts). On any failure the
 * sink is aborted (no partial file).
 */
export async function writeExport<T>(
  from: SteadyDb | ExportSource,
  sink: ByteSink<T>,
  options: ExportOptions = {},
): Promise<{ saved: T; result: ExportResult }> {
  const { bytes, result } = 'bytes' in from ? from : exportStream(from, options)
  const reader = bytes.pipeThrough(inBlocks(options.block)).getReader()
  try {
    for (;;) {
      options.signal?.throwIfAborted()
      const { done, value } = await reader.read()
      if (done) break
      await sink.write(value)
    }
    options.signal?.throwIfAborted()
    const finished = await result
    return { saved: await sink.close(finished), result: finished }
  } catch (error) {
    await reader.cancel(error).catch(() => undefined)
    await sink.abort()
    throw error
  }
}

/**
 * Writes several exports (the two CSV files) side by side, each into its sink, as one: no file is
 * put in place until every one is written, and one failing (or `signal`) drops them all.
 */
export async function writeExports<T>(
  files: readonly { from: ExportSource; sink: ByteSink<T> }[],
  options: Pick<ExportOptions, 'signal'> = {},
): Promise<{ saved: T; result: ExportResult }[]> {
  // Stopped by the caller, or by the first file that fails.
  const stop = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal
  let unwritten = files.length
  let allWritten!: () => void
  const written = new Promise<void>((resolve, reject) => {
    allWritten = resolve
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  written.catch(() => undefined)
  const held = (sink: ByteSink<T>): ByteSink<T> => ({
    write: (bytes) => sink.write(bytes),
    abort: () => sink.abort(),
    close: async (result) => {
      if (--unwritten === 0) allWritten()
      await written
      return sink.close(result)
    },
  })
  const settled = await Promise.allSettled(
    files.map(({ from, sink }) =>
      writeExport(from, held(sink), { signal }).catch((error: unknown) => {
        stop.abort(error)
        throw error
      }),
    ),
  )
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed) throw options.signal?.aborted ? options.signal.reason : failed.reason
  return settled.map((s) => (s as PromiseFulfilledResult<{ saved: T; result: ExportResult }>).value)
}
