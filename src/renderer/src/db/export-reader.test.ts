// @vitest-environment node
import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { importCorpus } from '../../../../test/fixtures/import-corpus'
import { generateDataset } from '../../../../bench/generate.mjs'
import { docProblem } from '../editor/schema'
import { readExportFile } from './export-reader'
import { putHistory, testDb } from './test-db'
import { checkExport, exportAll, importExport, refusal } from './transfer'

/** A file as the browser hands it over: plain, or gzip-compressed as Steady writes backups. */
const plain = (text: string) => new Blob([text])
async function gzipped(text: string): Promise<Blob> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Blob([await new Response(stream).arrayBuffer()])
}

/** Read and checked, as the import worker does; `atOnce` small makes any file stream. */
async function check(file: Blob, atOnce?: number) {
  const read = await readExportFile(file, atOnce === undefined ? {} : { atOnce })
  return read.ok ? checkExport(read.value, { checkDoc: docProblem }) : refusal(read.why)
}

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
    const streamed = await check(await gzipped(text), 1024)
    if (!streamed.ok) throw new Error(streamed.message)
    await importExport(into.db, streamed.data, 'skip')
    expect(await into.db.incidents.count()).toBe(40)
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
