// @vitest-environment node
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_TIME } from '@shared/domain/model'
import { buildPostmortemTemplate } from '@shared/domain/postmortem'
import { importCorpus } from '../../../../test/fixtures/import-corpus'
import { docProblem } from '../editor/schema'
import { asChecked, testDb } from './test-db'
import {
  exportAll,
  exportIncident,
  findConflicts,
  importExport,
  type SteadyExport,
} from './transfer'
import { parseExport } from './export-check'

/** A database with two incidents, events, action items and a post-mortem, written as the app does. */
async function filled() {
  const t = testDb()
  const a = await t.incidents.open({
    title: 'Checkout 502',
    details: { symptoms: '502 on /checkout' },
  })
  await t.incidents.move(a.id, { kind: 'go-to', to: 'triage' })
  await t.incidents.changeSeverity(a.id, 'SEV2')
  await t.actionItems.create(a.id, { title: 'Alert on 5xx', type: 'detect' })
  await t.postmortems.save(
    a.id,
    buildPostmortemTemplate((await t.incidents.get(a.id))!, await t.incidents.events(a.id), 'UTC'),
  )
  const b = await t.incidents.open({ title: 'Slow search' })
  await t.incidents.addNote(b.id, 'Index rebuild at 02:00')
  return { ...t, ids: [a.id, b.id] }
}

const snapshot = async (t: Awaited<ReturnType<typeof filled>>) => {
  const data = await exportAll(t.db, 0)
  return { ...data, exportedAt: '' }
}

describe('export and import', () => {
  it('round-trips everything into an empty database', async () => {
    const source = await filled()
    const file = JSON.stringify(await exportAll(source.db))
    const parsed = parseExport(file)
    if (!parsed.ok) throw new Error(parsed.message)
    const target = testDb()
    await expect(importExport(target.db, parsed.data, 'skip')).resolves.toEqual({
      added: 2,
      replaced: 0,
      skipped: 0,
    })
    const sortAll = (d: SteadyExport) => ({
      ...d,
      exportedAt: '',
      incidents: [...d.incidents].sort((x, y) => x.id.localeCompare(y.id)),
      events: [...d.events].sort((x, y) => x.id.localeCompare(y.id)),
    })
    expect(sortAll(await exportAll(target.db))).toEqual(sortAll(await exportAll(source.db)))
  })

  it('gives notes from an older file the ids of their events, so they can be edited after import', async () => {
    const source = await filled()
    const old = await exportAll(source.db)
    // Before schema 4, a note was its text alone.
    const file = JSON.stringify({
      ...old,
      schemaVersion: 3,
      incidents: old.incidents.map((i) => ({ ...i, notes: i.notes.map((n) => n.text) })),
    })
    const parsed = parseExport(file)
    if (!parsed.ok) throw new Error(parsed.message)
    const target = testDb()
    await importExport(target.db, parsed.data, 'skip')
    const [, b] = source.ids as [string, string]
    const note = (await target.incidents.events(b)).find((e) => e.kind === 'note')!
    expect((await target.incidents.get(b))?.notes).toEqual([
      { id: note.id, text: 'Index rebuild at 02:00' },
    ])
    await target.incidents.editNote(b, note.id, 'Index rebuild at 02:15')
    expect((await target.incidents.get(b))?.notes[0]?.text).toBe('Index rebuild at 02:15')
  })

  it('exports one incident as a file that imports elsewhere as it was', async () => {
    const source = await filled()
    const [a] = source.ids as [string, string]
    const parsed = parseExport(JSON.stringify(await exportIncident(source.db, a)))
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.data.incidentIds).toEqual([a])
    const target = testDb()
    await importExport(target.db, parsed.data, 'skip')
    expect(await target.incidents.get(a)).toEqual(await source.incidents.get(a))
    expect(await target.incidents.events(a)).toEqual(await source.incidents.events(a))
    expect(await target.db.actionItems.count()).toBe(1)
    expect(await target.db.postmortems.count()).toBe(1)
  })

  it('skips or replaces incidents that already exist, as asked', async () => {
    const t = await filled()
    const data = await exportAll(t.db)
    expect(await findConflicts(t.db, asChecked(data))).toHaveLength(2)
    const renamed = asChecked({
      ...data,
      incidents: data.incidents.map((i) => ({ ...i, title: `${i.title} (from backup)` })),
    })
    await expect(importExport(t.db, renamed, 'skip')).resolves.toEqual({
      added: 0,
      replaced: 0,
      skipped: 2,
    })
    expect((await t.incidents.get(t.ids[0]!))?.title).toBe('Checkout 502')
    await expect(importExport(t.db, renamed, 'replace')).resolves.toEqual({
      added: 0,
      replaced: 2,
      skipped: 0,
    })
    expect((await t.incidents.get(t.ids[0]!))?.title).toBe('Checkout 502 (from backup)')
    expect(await t.db.events.count()).toBe(data.events.length)
  })

  it('refuses every file of the hostile corpus with a message that says what is wrong', async () => {
    const t = await filled()
    const base = await exportAll(t.db)
    const before = await snapshot(t)
    const cases = importCorpus(JSON.parse(JSON.stringify(base)))
    expect(cases.length).toBeGreaterThan(15)
    for (const { name, text, message } of cases) {
      const result = parseExport(text, { checkDoc: docProblem })
      expect(result.ok, name).toBe(false)
      if (!result.ok) {
        expect(result.message, name).toMatch(message)
        expect(result.message, name).toMatch(/^Couldn't read this file: .*Nothing was changed\.$/s)
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(await snapshot(t)).toEqual(before)
    // The untouched base itself is accepted: each case fails for its own reason.
    expect(parseExport(JSON.stringify(base), { checkDoc: docProblem }).ok).toBe(true)
  })

  it('with "Keep mine", changes nothing that exists, even when an id in the file is taken here', async () => {
    const t = await filled()
    const before = await snapshot(t)
    const here = await exportAll(t.db)
    const [a] = t.ids as [string, string]
    const event = here.events.find((e) => e.incidentId === a)!
    const item = here.actionItems[0]!
    // A different incident whose event (or action item) reuses an id that exists here.
    const stranger = { ...here.incidents[0]!, id: 'stranger', title: 'From another laptop' }
    const file = (extra: Partial<SteadyExport>) => ({
      ...here,
      incidents: [stranger],
      events: [],
      actionItems: [],
      postmortems: [],
      ...extra,
    })
    for (const [data, noun] of [
      [
        file({
          events: [{ ...event, incidentId: 'stranger' }],
        }),
        'timeline event',
      ],
      [
        file({ actionItems: [{ ...item, incidentId: 'stranger', title: 'overwrite' }] }),
        'action item',
      ],
    ] as const) {
      for (const mode of ['skip', 'replace'] as const) {
        await expect(importExport(t.db, asChecked(data), mode), `${noun} ${mode}`).rejects.toThrow(
          new RegExp(
            `its ${noun} ".*" has the same id as one already here \\(in "Checkout 502"\\)`,
          ),
        )
        expect(await snapshot(t)).toEqual(before)
      }
    }
  })

  it('cancelling an import while it writes rolls all of it back', async () => {
    const source = await filled()
    const data = await exportAll(source.db)
    const target = testDb()
    const cancel = new AbortController()
    const result = importExport(target.db, asChecked(data), 'skip', {
      signal: cancel.signal,
      onProgress: () => cancel.abort(),
    })
    await expect(result).rejects.toThrow('Import cancelled. Nothing was changed.')
    expect(await target.db.incidents.count()).toBe(0)
    expect(await target.db.events.count()).toBe(0)
  })

  it('reports progress while it checks a large file', async () => {
    const data = await exportAll((await filled()).db)
    const event = data.events[0]!
    const events = Array.from({ length: 12_000 }, (_, n) => ({ ...event, id: `e${n}` }))
    const calls: [number, number][] = []
    const total = 12_000 + data.incidents.length + data.actionItems.length + data.postmortems.length
    const result = parseExport(JSON.stringify({ ...data, events }), {
      onProgress: (done, all) => calls.push([done, all]),
    })
    expect(result.ok).toBe(true)
    expect(calls).toEqual([
      [5000, total],
      [10_000, total],
      [total, total],
    ])
  })

  it.each([
    ['not JSON', '{"format": "steady-export",', "isn't JSON"],
    ['another app', '{"name": "todo list"}', "missing 'format'"],
    ['an array', '[1, 2, 3]', "isn't a Steady export"],
    ['a future version', '{"format": "steady-export", "version": 9}', 'another version'],
  ])('refuses %s with a message that says what is wrong', (_name, text, words) => {
    const result = parseExport(text)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.message).toContain(words)
      expect(result.message).toMatch(/Nothing was changed\.$/)
    }
  })

  it('names the field that is wrong, and refuses references to missing incidents', async () => {
    const data = await exportAll((await filled()).db)
    const bad = {
      ...data,
      incidents: [{ ...data.incidents[0], severity: 'SEV9' }, ...data.incidents.slice(1)],
    }
    const result = parseExport(JSON.stringify(bad))
    expect(result.ok || result.message).toMatch(/incidents\.0\.severity/)
    const orphan = { ...data, incidents: data.incidents.slice(1) }
    const second = parseExport(JSON.stringify(orphan))
    expect(second.ok || second.message).toMatch(/which it does not contain/)
  })

  it('refuses a date no screen could show, one second past the year 9999 or before 1970', async () => {
    const data = await exportAll((await filled()).db)
    const at = (startedAt: number): string | true => {
      const result = parseExport(
        JSON.stringify({
          ...data,
          incidents: [{ ...data.incidents[0], startedAt }, ...data.incidents.slice(1)],
        }),
      )
      return result.ok || result.message
    }
    expect(at(1e20)).toMatch(/after the year 9999.*incidents\.0\.startedAt/)
    expect(at(MAX_TIME + 1)).toMatch(/after the year 9999/)
    expect(at(MAX_TIME)).toBe(true)
    expect(at(-1)).toMatch(/before 1970/)
    const event = { ...data.events[0]!, at: 1e20 }
    const events = parseExport(
      JSON.stringify({ ...data, events: [event, ...data.events.slice(1)] }),
    )
    expect(events.ok || events.message).toMatch(/events\.0/)
  })

  it('never throws and never changes the database for random or mutated files', async () => {
    const t = await filled()
    const before = await snapshot(t)
    const valid = JSON.stringify(await exportAll(t.db))
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.nat(40), fc.string({ maxLength: 8 }))
      .map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(at + cut))
    const randomJson = fc.jsonValue().map((v) => JSON.stringify(v))
    const almost = fc.jsonValue().map((v) =>
      JSON.stringify({
        format: 'steady-export',
        version: 1,
        schemaVersion: 2,
        exportedAt: 'x',
        incidents: v,
        events: [],
        actionItems: [],
        postmortems: [],
        settings: null,
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, randomJson, almost, fc.string()), async (text) => {
        const result = parseExport(text)
        if (result.ok) {
          // A mutation that still validates is a legitimate file; write it to a scratch database.
          await importExport(testDb().db, result.data, 'skip')
        }
        expect(await snapshot(t)).toEqual(before)
      }),
      { numRuns: 60 },
    )
  })

  it('writes nothing when the import fails halfway', async () => {
    const source = await filled()
    const parsed = parseExport(JSON.stringify(await exportAll(source.db)))
    if (!parsed.ok) throw new Error(parsed.message)
    const target = testDb()
    const failing = () => {
      throw new Error('disk full')
    }
    target.db.actionItems.hook('creating', failing)
    await expect(importExport(target.db, parsed.data, 'skip')).rejects.toMatchObject({
      kind: 'write-failed',
    })
    expect(await target.db.incidents.count()).toBe(0)
    expect(await target.db.events.count()).toBe(0)
  })
})
