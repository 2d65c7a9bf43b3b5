/**
 * Exports run here, off the page's thread: reading every row and turning it into JSON or CSV never
 * makes the window stutter. The page pulls the file a piece at a time and hands each to where it
 * goes (a file, a download, a backup). It opens the same database.
 */
import { SteadyDb } from '../../db/database'
import { openDatabase } from '../../db/errors'
import { inBlocks, type ExportSource } from '../../db/export-writer'
import type { FromExport, ToExport } from './export-protocol'
import { exportedFile } from './exported-file'

const scope = self as unknown as {
  postMessage(message: FromExport, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<ToExport>) => void) | null
}
const db = openDatabase(new SteadyDb())
let source: Promise<{ made: ExportSource; reader: ReadableStreamDefaultReader<Uint8Array> }>

const fail = (error: unknown) =>
  scope.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  })

scope.onmessage = ({ data: message }) => {
  if (message.type === 'start') {
    source = db.then((opened) => {
      // Plain: the page has it compressed in a worker of its own (export-source.ts). In blocks
      // made here, which the page passes on as they are.
      const made = exportedFile(opened, message.file, { now: message.now })
      return { made, reader: made.bytes.pipeThrough(inBlocks()).getReader() }
    })
    source.catch(fail)
  } else if (message.type === 'next')
    void (async () => {
      const { made, reader } = await source
      const { done, value } = await reader.read()
      if (done) scope.postMessage({ type: 'done', result: await made.result })
      else scope.postMessage({ type: 'piece', bytes: value }, [value.buffer])
    })().catch(fail)
  else void source?.then(({ reader }) => reader.cancel()).catch(() => undefined)
}
