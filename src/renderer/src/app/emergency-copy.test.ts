import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { generateDataset } from '../../../../bench/generate.mjs'
import { exportStream, type ByteSink } from '../db/export-writer'
import { putHistory, testDb } from '../db/test-db'
import { exportAll } from '../db/transfer'
import { unsavedWords, writeEmergencyCopy } from './emergency-copy'

/** A sink that keeps what it is given as text, as a file would. */
function textSink() {
  let text = ''
  const decoder = new TextDecoder()
  const sink: ByteSink<string> & { aborted: boolean } = {
    aborted: false,
    write: async (bytes) => void (text += decoder.decode(bytes, { stream: true })),
    close: async () => text,
    abort: async () => void (sink.aborted = true),
  }
  return sink
}

const journals = { 'steady.journal.inc-1': '{"text":"the last words typed"}' }

describe('the emergency copy', () => {
  it('holds the unsaved words and every record, as one JSON file written as it is read', async () => {
    const { db } = testDb()
    await putHistory(db, generateDataset(12, { eventsPer: 3 }))
    const text = await writeEmergencyCopy(db, textSink(), journals, () =>
      exportStream(db, { now: 1_000, pageSize: 5 }),
    )
    const copy = JSON.parse(text) as { unsaved: unknown; saved: Record<string, unknown> }
    expect(copy).toMatchObject({ emergencyCopy: true, unsaved: journals })
    const whole = await exportAll(db, 1_000)
    for (const table of ['incidents', 'events', 'actionItems', 'postmortems'] as const)
      expect(copy.saved[table]).toEqual(whole[table])
  })

  it('still holds the unsaved words when the database cannot be read', async () => {
    const { db } = testDb()
    vi.spyOn(db.settings, 'get').mockRejectedValue(new Error('disk gone'))
    const exported = vi.fn(() => exportStream(db))
    const copy = JSON.parse(await writeEmergencyCopy(db, textSink(), journals, exported))
    expect(copy).toEqual({
      emergencyCopy: true,
      unsaved: journals,
      saved: 'could not read the database: disk gone',
    })
    expect(exported).not.toHaveBeenCalled()
  })

  it('keeps only the journals, not the interface’s own settings', () => {
    const storage = new Map([
      ['steady.ui', '{"theme":"dark"}'],
      ['steady.journal.inc-1', 'words'],
      ['other', 'x'],
    ])
    const keys = [...storage.keys()]
    const fake = {
      length: keys.length,
      key: (i: number) => keys[i] ?? null,
      getItem: (key: string) => storage.get(key) ?? null,
    } as Storage
    expect(unsavedWords(fake)).toEqual({ 'steady.journal.inc-1': 'words' })
  })
})
