import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_TIME } from '@shared/domain/model'
import { buildPostmortemTemplate } from '@shared/domain/postmortem'
import { testDb } from './test-db'
import { exportAll, findConflicts, importExport, parseExport, type SteadyExport } from './transfer'

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

  it('skips or replaces incidents that already exist, as asked', async () => {
    const t = await filled()
    const data = await exportAll(t.db)
    expect(await findConflicts(t.db, data)).toHaveLength(2)
    const renamed = {
      ...data,
      incidents: data.incidents.map((i) => ({ ...i, title: `${i.title} (from backup)` })),
    }
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
