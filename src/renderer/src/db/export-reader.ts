/**
 * Reads and checks an export file of any size, plain or gzip-compressed (`.json.gz`, recognised by
 * its first bytes), feeding an ExportChecker row by row so the file is never held as objects:
 * - parsed at once when it is small enough for one string (JSON.parse is the fastest);
 * - larger, a line at a time when it is laid out as Steady writes it (a header line, then one row
 *   a line), which is as fast and holds one line;
 * - any other large file through @streamparser/json (a string cannot hold a file of a gigabyte:
 *   ten years of a team's incidents).
 * A "__proto__" key anywhere refuses the file, as for a small one.
 */
import { JSONParser } from '@streamparser/json'
import {
  CUT_SHORT,
  ExportChecker,
  isTable,
  parseJson as parse,
  PROTO_KEY,
  PROTO_REFUSED,
  refusal,
  type ParseOptions,
  type ParseResult,
  type TableName,
} from './export-check'

/** Characters parsed at once; beyond this the file is streamed. */
export const PARSE_AT_ONCE = 128 * 1024 * 1024

export interface ReadOptions extends ParseOptions {
  onRead?: (bytes: number) => void
  atOnce?: number
}

/** The file's text, a chunk at a time, counting the bytes read. */
async function textOf(file: Blob, onRead?: (bytes: number) => void) {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer())
  const gzip = head[0] === 0x1f && head[1] === 0x8b
  let read = 0
  type Bytes = Uint8Array<ArrayBuffer>
  const counted = (file.stream() as ReadableStream<Bytes>).pipeThrough(
    new TransformStream<Bytes, Bytes>({
      transform(chunk, controller) {
        read += chunk.byteLength
        onRead?.(read)
        controller.enqueue(chunk)
      },
    }),
  )
  const bytes: ReadableStream<Bytes> = gzip
    ? counted.pipeThrough(new DecompressionStream('gzip'))
    : counted
  return { gzip, reader: bytes.pipeThrough(new TextDecoderStream()).getReader() }
}

/**
 * Steady's own layout, a line at a time: `{"format":…,"exportedAt":"…",` then for each table
 * `"name":[`, one row a line (`{…}` or `{…},`) and `],`, and last `"settings":…}`. Returns false as
 * soon as a line is not laid out so (the file is then read by the streaming parser).
 */
class SteadyLines {
  private table: TableName | null = null
  private line = 0
  ended = false
  constructor(private readonly checker: ExportChecker) {}

  take(line: string): boolean {
    const first = this.line++ === 0
    if (this.ended) return line === ''
    if (first) {
      if (!line.startsWith('{"format":') || !line.endsWith(',')) return false
      const header = parse(`${line.slice(0, -1)}}`)
      if (!header || typeof header !== 'object') return false
      for (const [key, value] of Object.entries(header)) this.checker.field(key, value)
      return true
    }
    if (this.table !== null) {
      if (line === '],') {
        this.table = null
        return true
      }
      if (!line.startsWith('{')) return false
      const row = parse(line.endsWith(',') ? line.slice(0, -1) : line)
      if (row === undefined) return false
      this.checker.row(this.table, row)
      return true
    }
    const opened = /^"(\w+)":\[$/.exec(line)?.[1]
    if (opened !== undefined) {
      if (!isTable(opened)) return false
      this.table = opened
      this.checker.table(opened)
      return true
    }
    if (line.startsWith('"settings":') && line.endsWith('}')) {
      const settings = parse(line.slice('"settings":'.length, -1))
      if (settings === undefined) return false
      this.checker.field('settings', settings)
      this.ended = true
      return true
    }
    return false
  }
}

/** Any JSON, streamed: the frame's fields and each table's rows as they are parsed. */
function streamingParser(checker: ExportChecker) {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false })
  let notAnObject = false
  parser.onValue = ({ key, value, parent }) => {
    if (Array.isArray(parent) || typeof key !== 'string') notAnObject = true
    else if (isTable(key) && Array.isArray(value)) {
      checker.table(key)
      for (const row of value) checker.row(key, row)
    } else checker.field(key, value)
  }
  return { parser, notAnObject: () => notAnObject }
}

/** Reads `file` and checks it completely (see ExportChecker). Never throws. */
export async function checkExportFile(file: Blob, options: ReadOptions = {}): Promise<ParseResult> {
  const atOnce = options.atOnce ?? PARSE_AT_ONCE
  const result = await readInto(file, atOnce, options, true)
  // Not laid out as Steady writes: read again, through the streaming parser.
  return result ?? ((await readInto(file, atOnce, options, false)) as ParseResult)
}

async function readInto(
  file: Blob,
  atOnce: number,
  options: ReadOptions,
  byLine: boolean,
): Promise<ParseResult | null> {
  const { gzip, reader } = await textOf(file, options.onRead)
  const checker = new ExportChecker(options)
  let parts: string[] = []
  let length = 0
  let tail = ''
  let lines: SteadyLines | null = null
  let rest = ''
  let streaming: ReturnType<typeof streamingParser> | null = null
  const feed = (text: string): boolean => {
    if (streaming) {
      streaming.parser.write(text)
      return !streaming.notAnObject()
    }
    const split = (rest + text).split('\n')
    rest = split.pop() ?? ''
    return split.every((line) => (lines as SteadyLines).take(line))
  }
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read()
      if (done) break
      if (PROTO_KEY.test(tail + chunk)) return refusal(PROTO_REFUSED)
      tail = chunk.slice(-24)
      length += chunk.length
      if (!lines && !streaming && length > atOnce) {
        if (byLine) lines = new SteadyLines(checker)
        else streaming = streamingParser(checker)
        const before = parts
        parts = []
        if (!before.every(feed)) return byLine ? null : refusal("it isn't a Steady export")
      }
      if (lines || streaming) {
        if (!feed(chunk)) return byLine ? null : refusal("it isn't a Steady export")
        if (checker.failed) return checker.result()
      } else parts.push(chunk)
    }
  } catch {
    return refusal(gzip && length === 0 ? 'it is a damaged gzip file' : CUT_SHORT)
  } finally {
    // Stopped early (a problem found), the rest of the file is not read.
    void reader.cancel().catch(() => undefined)
  }
  if (lines) {
    if (rest !== '' && !lines.take(rest)) return null
    return lines.ended ? checker.result() : refusal(CUT_SHORT)
  }
  if (streaming) {
    // The parser ends by itself once the root object closes; still open, the file was cut short.
    return streaming.parser.isEnded ? checker.result() : refusal(CUT_SHORT)
  }
  const text = parts.join('')
  if (!text.trim()) return refusal('it is empty')
  const raw = parse(text)
  return raw === undefined ? refusal(CUT_SHORT) : checker.feed(raw).result()
}
