// @vitest-environment node
import 'fake-indexeddb/auto'
import type * as StreamParser from '@streamparser/json'
import { describe, expect, it, vi } from 'vitest'
import { importCorpus } from '../../../../test/fixtures/import-corpus'
import { generateDataset } from '../../../../bench/generate.mjs'
import { docProblem } from '../editor/schema'
import { checkExportFile } from './export-reader'
import { putHistory, readBack, testDb } from './test-db'
import { exportAll, importExport } from './transfer'

/** How many files went through the streaming parser (the others: at once, or a line at a time). */
const parsers = vi.hoisted(() => ({ made: 0 }))
vi.mock('@streamparser/json', async (original) => {
  const lib = await original<typeof StreamParser>()
  class Counted extends lib.JSONParser {
    constructor(...args: ConstructorParameters<typeof lib.JSONParser>) {
      super(...args)
      parsers.made++
    }
  }
  return { ...lib, JSONParser: Counted }
})

/** An export laid out as Steady writes it: a header line, then one row a line. */
function steadyLayout(file: Record<string, unknown>): string {
  const { incidents, events, actionItems, postmortems, settings, ...header } = file
  const tables = { incidents, events, actionItems, postmortems }
  let text = `${JSON.stringify(header).slice(0, -1)},\n`
  for (const [name, rows] of Object.entries(tables))
    text += `"${name}":[\n${(rows as unknown[]).map((r) => JSON.stringify(r)).join(',\n')}\n],\n`
  return `${text}"settings":${JSON.stringify(settings)}}\n`
}

/** A file as the browser hands it over: plain, or gzip-compressed as Steady writes backups. */
const plain = (text: string) => new Blob([text])
async function gzipped(text: string): Promise<Blob> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Blob([await new Response(stream).arrayBuffer()])
}

/** Read and checked, as the import worker does; `atOnce` small makes any file stream. */
const checked = (file: Blob, atOnce?: number) =>
  checkExportFile(file, { checkDoc: docProblem, ...(atOnce === undefined ? {} : { atOnce }) })
/** The same, its rows read back. */
const check = async (file: Blob, atOnce?: number) => readBack(await checked(file, atOnce))

async function history() {
  const t = testDb()
  const data = generateDataset(40, { eventsPer: 4, bigEvents: 6 })
  await putHistory(t.db, data)
  return { t, text: JSON.stringify(await exportAll(t.db), null, 1) }
}

describe('reading an export file of any size', () => {
  it('reads back what Steady wrote: plain or compressed, at once or streamed, the same', async () => {
    const { text } = await history()
    const atOnce = await check(plain(text))
    expect(atOnce.ok).toBe(true)
    for (const file of [plain(text), await gzipped(text)])
      for (const limit of [undefined, 1024]) {
        const result = await check(file, limit)
        expect(result).toEqual(atOnce)
      }
    // And it imports: every incident of the history is there.
    const into = testDb()
    const streamed = await checked(await gzipped(text), 1024)
    if (!streamed.ok) throw new Error(streamed.message)
    await importExport(into.db, streamed.data, 'skip')
    expect(await into.db.incidents.count()).toBe(40)
  })

  it('reads a large file laid out as Steady writes a line at a time, without the streaming parser', async () => {
    const { text } = await history()
    const layout = steadyLayout(JSON.parse(text) as Record<string, unknown>)
    const made = parsers.made
    const byLine = await check(await gzipped(layout), 64)
    expect(parsers.made).toBe(made)
    expect(byLine).toEqual(await check(plain(text)))
    expect(byLine.ok && byLine.data).toEqual(JSON.parse(text))
    // Laid out otherwise (here: indented), a large file goes through the streaming parser.
    expect((await check(plain(text), 64)).ok).toBe(true)
    expect(parsers.made).toBe(made + 1)
    // Cut short in the middle of a row, or after a whole row, it is refused as such.
    for (const end of [layout.length / 2, layout.indexOf('\n"events"')])
      expect(await check(plain(layout.slice(0, end)), 64)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/cut short/),
      })
  })

  it('refuses every hostile file the same way when it is streamed', async () => {
    const { t } = await history()
    const base = JSON.parse(JSON.stringify(await exportAll(t.db))) as Parameters<
      typeof importCorpus
    >[0]
    for (const { name, text, message } of importCorpus(base)) {
      const result = await check(plain(text), 64)
      expect(result.ok, name).toBe(false)
      if (!result.ok) expect(result.message, name).toMatch(message)
      // And laid out as Steady writes, read a line at a time.
      const file = (() => {
        try {
          return JSON.parse(text) as Record<string, unknown>
        } catch {
          return null
        }
      })()
      const tables = ['incidents', 'events', 'actionItems', 'postmortems']
      if (!file || !tables.every((k) => Array.isArray(file[k]))) continue
      const byLine = await check(plain(steadyLayout(file)), 64)
      expect(byLine.ok || byLine.message, `${name}, a line at a time`).toMatch(message)
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('refuses a "__proto__" key split across two chunks, a file cut short, and a damaged gzip', async () => {
    const { text } = await history()
    const hostile = text.replace('"title":', '"__proto__": {"polluted": 1}, "title":')
    for (const limit of [undefined, 64]) {
      expect(await check(plain(hostile), limit)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/__proto__/),
      })
      expect(await check(plain(text.slice(0, text.length / 2)), limit)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/cut short/),
      })
    }
    const gz = new Uint8Array(await (await gzipped(text)).arrayBuffer())
    const damaged = new Blob([gz.slice(0, 2), new Uint8Array(200).fill(7)])
    expect(await check(damaged)).toMatchObject({ ok: false })
    expect(await check(plain('[1, 2, 3]'), 2)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/isn't a Steady export/),
    })
  })
})
