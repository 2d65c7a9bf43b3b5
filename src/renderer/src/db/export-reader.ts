/**
 * Reads an export file into a value for `checkExport`, whatever its size: plain or gzip-compressed
 * (`.json.gz`, recognised by its first bytes), parsed at once when it is small enough for one
 * string (JSON.parse is the fastest), and streamed row by row through @streamparser/json when it
 * is not (a string cannot hold a file of a gigabyte: ten years of a team's incidents). A
 * "__proto__" key anywhere refuses the file, as for a small one.
 */
import { JSONParser } from '@streamparser/json'

/** Characters parsed at once; beyond this the file is streamed. */
export const PARSE_AT_ONCE = 128 * 1024 * 1024

export type ReadResult = { ok: true; value: unknown } | { ok: false; why: string }

const PROTO = /"__proto__"\s*:/

export async function readExportFile(
  file: Blob,
  options: { onRead?: (bytes: number) => void; atOnce?: number } = {},
): Promise<ReadResult> {
  const atOnce = options.atOnce ?? PARSE_AT_ONCE
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer())
  const gzip = head[0] === 0x1f && head[1] === 0x8b
  let read = 0
  type Bytes = Uint8Array<ArrayBuffer>
  const counted = (file.stream() as ReadableStream<Bytes>).pipeThrough(
    new TransformStream<Bytes, Bytes>({
      transform(chunk, controller) {
        read += chunk.byteLength
        options.onRead?.(read)
        controller.enqueue(chunk)
      },
    }),
  )
  const bytes: ReadableStream<Bytes> = gzip
    ? counted.pipeThrough(new DecompressionStream('gzip'))
    : counted
  const reader = bytes.pipeThrough(new TextDecoderStream()).getReader()

  let parts: string[] = []
  let length = 0
  let tail = ''
  let parser: JSONParser | null = null
  const root: Record<string, unknown> = {}
  let notAnObject = false
  const stream = () => {
    const p = new JSONParser({ paths: ['$.*'], keepStack: false })
    p.onValue = ({ key, value, parent }) => {
      if (Array.isArray(parent) || typeof key !== 'string') notAnObject = true
      else Object.defineProperty(root, key, { value, enumerable: true, writable: true })
    }
    return p
  }
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read()
      if (done) break
      if (PROTO.test(tail + chunk)) return { ok: false, why: 'it contains a "__proto__" key' }
      tail = chunk.slice(-24)
      length += chunk.length
      if (!parser && length > atOnce) {
        parser = stream()
        for (const part of parts) parser.write(part)
        parts = []
      }
      if (parser) parser.write(chunk)
      else parts.push(chunk)
      if (notAnObject) return { ok: false, why: "it isn't a Steady export" }
    }
  } catch {
    return {
      ok: false,
      why:
        gzip && length === 0 ? 'it is a damaged gzip file' : "it isn't JSON (or it was cut short)",
    }
  }
  if (parser) {
    // The parser ends by itself once the root object closes; still open, the file was cut short.
    if (!parser.isEnded) return { ok: false, why: "it isn't JSON (or it was cut short)" }
    return notAnObject ? { ok: false, why: "it isn't a Steady export" } : { ok: true, value: root }
  }
  const text = parts.join('')
  if (!text.trim()) return { ok: false, why: 'it is empty' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, why: "it isn't JSON (or it was cut short)" }
  }
}
