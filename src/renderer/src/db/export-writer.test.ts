// @vitest-environment node
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { generateDataset } from '../../../../bench/generate.mjs'
import { docProblem } from '../editor/schema'
import { checkExportFile } from './export-reader'
import {
  exportStream,
  inBlocks,
  textStream,
  writeExport,
  writeExports,
  type ByteSink,
} from './export-writer'
import { putHistory, readBack as readBackRows, testDb } from './test-db'
import { exportAll } from './transfer'

async function history(count = 30, before?: (t: ReturnType<typeof testDb>) => void) {
  const t = testDb()
  before?.(t)
  const data = generateDataset(count, { eventsPer: 4, bigEvents: 6 })
  await putHistory(t.db, data)
  return t
}

/** A sink that keeps what it is given, as a download would. */
function memorySink() {
  const parts: Uint8Array[] = []
  const sink: ByteSink<Blob> & { aborted: boolean; writes: number } = {
    aborted: false,
    writes: 0,
    write: async (bytes) => {
      sink.writes++
      parts.push(bytes)
    },
    close: async () => new Blob(parts as BlobPart[]),
    abort: async () => {
      sink.aborted = true
    },
  }
  return sink
}

async function readBack(file: Blob) {
  return readBackRows(await checkExportFile(file, { atOnce: 4096, checkDoc: docProblem }))
}

describe('writing an export a page at a time', () => {
  it('writes what exportAll holds, plain or gzip, and reads back equal (streamed)', async () => {
    const { db } = await history()
    const whole = await exportAll(db, 1_000)
    for (const gzip of [false, true]) {
      const sink = memorySink()
      const { saved, result } = await writeExport(db, sink, { now: 1_000, gzip, pageSize: 7 })
      const bytes = new Uint8Array(await saved.arrayBuffer())
      expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(gzip)
      const back = await readBack(saved)
      if (!back.ok) throw new Error(back.message)
      // Rows in key order, like exportAll's; every field of every row the same.
      expect(back.data).toEqual(whole)
      expect(result.counts).toEqual({
        incidents: whole.incidents.length,
        events: whole.events.length,
        actionItems: whole.actionItems.length,
        postmortems: whole.postmortems.length,
      })
    }
  })

  it('gives the same fingerprint to the same data at another time, another to changed data', async () => {
    const { db, incidents } = await history(5)
    const fingerprint = async (now: number) =>
      (await writeExport(db, memorySink(), { now, pageSize: 3 })).result.fingerprint
    const first = await fingerprint(1_000)
    expect(await fingerprint(99_000)).toBe(first)
    const [one] = await db.incidents.toArray()
    await incidents.addNote(one!.id, 'one more word')
    expect(await fingerprint(99_000)).not.toBe(first)
  })

  it('leaves out rows of an incident created after the incidents were written', async () => {
    const t = await history(3)
    const { bytes } = exportStream(t.db, { pageSize: 2 })
    const reader = bytes.getReader()
    const decoder = new TextDecoder()
    let text = ''
    // Read until the events have started: every incident is written by then.
    while (!text.includes('"events":[')) text += decoder.decode((await reader.read()).value)
    const late = await t.incidents.open({ title: 'created during the export' })
    await t.incidents.addNote(late.id, 'a note on it')
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
    expect(text).not.toContain(late.id)
    const back = await readBack(new Blob([text]))
    expect(back.ok).toBe(true)
  })

  it('aborts the sink, and writes no file, when reading fails midway', async () => {
    let failing = false
    let reads = 0
    const { db } = await history(20, ({ db }) =>
      db.use({
        stack: 'dbcore',
        name: 'fail-midway',
        create: (down) => ({
          ...down,
          table: (name) => {
            const table = down.table(name)
            return {
              ...table,
              query: async (req) => {
                if (failing && name === 'events' && ++reads > 2) throw new Error('disk gone')
                return table.query(req)
              },
            }
          },
        }),
      }),
    )
    failing = true
    const sink = memorySink()
    await expect(writeExport(db, sink, { pageSize: 5 })).rejects.toThrow('disk gone')
    expect(sink.aborted).toBe(true)
  })

  it('stops when cancelled: the sink is aborted, nothing is handed over', async () => {
    const { db } = await history(10)
    const stop = new AbortController()
    const sink = memorySink()
    const write = sink.write
    sink.write = async (bytes) => {
      stop.abort()
      return write(bytes)
    }
    await expect(
      writeExport(db, sink, { pageSize: 2, signal: stop.signal, block: 1 }),
    ).rejects.toThrow()
    expect(sink.aborted).toBe(true)
    expect(sink.writes).toBe(1)
  })
})

describe('an export in blocks (made in its worker, passed on by the page)', () => {
  const blocksOf = async (pieces: Uint8Array[], size: number) => {
    const out: Uint8Array[] = []
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(piece)
        controller.close()
      },
    })
    const reader = stream.pipeThrough(inBlocks(size)).getReader()
    for (let read = await reader.read(); !read.done; read = await reader.read())
      out.push(read.value)
    return out
  }
  const bytes = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251)

  it('joins small pieces into blocks of at least the size, the last one what is left', async () => {
    const pieces = [bytes(3), bytes(4, 3), bytes(2, 7), bytes(5, 9), bytes(1, 14)]
    const blocks = await blocksOf(pieces, 6)
    expect(blocks.map((b) => b.byteLength)).toEqual([7, 7, 1])
    expect([...blocks.flatMap((b) => [...b])]).toEqual([...bytes(15)])
  })

  it('passes a piece that is a block already on as it is, not copied', async () => {
    const big = bytes(8)
    const blocks = await blocksOf([big, bytes(2), bytes(10, 2)], 8)
    expect(blocks[0]).toBe(big)
    expect(blocks.map((b) => b.byteLength)).toEqual([8, 12])
  })

  it('makes no block of nothing', async () => {
    expect(await blocksOf([], 8)).toEqual([])
  })
})

describe('writing several exports as one (the CSV files)', () => {
  /** A file of `pieces`, failing after them when `failing`. */
  const source = (pieces: string[], failing = false) =>
    textStream(async function* () {
      for (const piece of pieces) {
        await new Promise((resolve) => setTimeout(resolve, 1))
        yield piece
      }
      if (failing) throw new Error('disk gone')
    })
  /** A sink that notes when it is closed, and what had been written by then. */
  const noting = (log: string[], name: string) => {
    const sink = memorySink()
    const write = sink.write
    sink.write = async (bytes) => {
      log.push(`${name} wrote`)
      return write(bytes)
    }
    const close = sink.close
    sink.close = async (result) => {
      log.push(`${name} closed`)
      return close(result)
    }
    return sink
  }

  it('puts no file in place until every one is written', async () => {
    const log: string[] = []
    const [short, long] = [noting(log, 'short'), noting(log, 'long')]
    const written = await writeExports([
      { from: source(['a']), sink: short },
      { from: source(['b', 'c', 'd', 'e']), sink: long },
    ])
    expect(await Promise.all(written.map(({ saved }) => saved.text()))).toEqual(['a', 'bcde'])
    // The short file was written first, and closed only once the long one was.
    const firstClose = log.findIndex((entry) => entry.endsWith('closed'))
    expect(log.lastIndexOf('long wrote')).toBeLessThan(firstClose)
    expect(log.filter((entry) => entry.endsWith('closed'))).toHaveLength(2)
  })

  it('drops them all when one fails, even one already written', async () => {
    const log: string[] = []
    const [done, failing] = [noting(log, 'done'), noting(log, 'failing')]
    await expect(
      writeExports([
        { from: source(['a']), sink: done },
        { from: source(['b', 'c', 'd'], true), sink: failing },
      ]),
    ).rejects.toThrow('disk gone')
    expect([done.aborted, failing.aborted]).toEqual([true, true])
    expect(log.filter((entry) => entry.endsWith('closed'))).toEqual([])
  })

  it('drops them all when cancelled', async () => {
    const stop = new AbortController()
    const sinks = [memorySink(), memorySink()]
    const writing = writeExports(
      [
        { from: source(['a', 'b', 'c']), sink: sinks[0]! },
        { from: source(['d', 'e', 'f']), sink: sinks[1]! },
      ],
      { signal: stop.signal },
    )
    stop.abort(new Error('cancelled'))
    await expect(writing).rejects.toThrow('cancelled')
    expect(sinks.map((sink) => sink.aborted)).toEqual([true, true])
  })
})
