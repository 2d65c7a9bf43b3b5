// @vitest-environment node
import 'fake-indexeddb/auto'
import { newActionItem } from '@shared/domain/action-items'
import { IncidentLog, T0 } from '@shared/domain/test-helpers'
import type { Incident } from '@shared/domain/model'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { ExportCounts } from '../../db/export-writer'
import { testDb } from '../../db/test-db'
import { actionItemsCsv, incidentsCsv } from './csv-export'

const read = (csv: string) =>
  Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data

/** The whole text of a CSV file made a page of `pageSize` rows at a time, and what it counted. */
async function made(
  csv: typeof incidentsCsv,
  db: ReturnType<typeof testDb>['db'],
  pageSize: number,
) {
  const counts: ExportCounts = { incidents: 0, events: 0, actionItems: 0, postmortems: 0 }
  let text = ''
  for await (const piece of csv(db, counts, pageSize)) text += piece
  return { text, counts }
}

const incident = (id: string, changes: Partial<Incident> = {}): Incident => ({
  ...new IncidentLog(id, { now: T0, title: `Title ${id}` }).incident,
  services: ['checkout', 'gateway'],
  tags: ['eu'],
  ...changes,
})

describe('CSV export, a page at a time', () => {
  it('writes one row per incident, over page boundaries, the trash left out', async () => {
    const { db } = testDb()
    await db.incidents.bulkPut([
      incident('inc-1', { title: 'Checkout, "EU"\nreturns 502' }),
      incident('inc-2'),
      incident('inc-3', { status: 'deleted', deletedAt: T0 }),
      incident('inc-4', { title: '', symptoms: 'Login slow\nsince the deploy' }),
      incident('inc-5', { title: '=HYPERLINK("http://evil","click")' }),
    ])
    const { text, counts } = await made(incidentsCsv, db, 2)
    const rows = read(text)
    expect(rows.map((row) => row['id'])).toEqual(['inc-1', 'inc-2', 'inc-4', 'inc-5'])
    expect(counts.incidents).toBe(4)
    expect(rows[0]).toMatchObject({
      title: 'Checkout, "EU"\nreturns 502',
      services: 'checkout; gateway',
      tags: 'eu',
      started: new Date(T0).toISOString(),
      kind: 'incident',
    })
    // An untitled incident is named by what was seen; a formula is written as text.
    expect(rows[2]?.['title']).toBe('Login slow')
    expect(rows[3]?.['title']).toBe('\'=HYPERLINK("http://evil","click")')
    // Lines end as a spreadsheet expects, pages joined without a blank line or a missing break.
    expect(text.split('\r\n').filter((line) => line.startsWith('inc-'))).toHaveLength(4)
    expect(text).not.toMatch(/\r\n\r\n|[^\r]\n(?=inc-)/)
  })

  it("writes every action item with its incident's title, leaving out the trash's", async () => {
    const { db } = testDb()
    const kept = incident('inc-1', { title: '', symptoms: 'Checkout returns 502' })
    const trashed = incident('inc-2', { status: 'deleted', deletedAt: T0 })
    await db.incidents.bulkPut([kept, trashed])
    const item = (id: string, title: string, owner: string, of: Incident) =>
      newActionItem({ title, owner }, of, { id, now: T0 })
    await db.actionItems.bulkPut([
      item('a-1', 'Alert on 5xx', 'sam', kept),
      item('a-2', '@SUM(A1)', '+sam', kept),
      item('a-3', 'Gone with its incident', 'kim', trashed),
      item('a-4', 'Add a canary', '', kept),
    ])
    const { text, counts } = await made(actionItemsCsv, db, 2)
    const rows = read(text)
    expect(rows.map((row) => row['id'])).toEqual(['a-1', 'a-2', 'a-4'])
    expect(counts.actionItems).toBe(3)
    expect(rows[0]).toMatchObject({
      incident_id: 'inc-1',
      incident: 'Checkout returns 502',
      title: 'Alert on 5xx',
      owner: 'sam',
    })
    expect(rows[1]).toMatchObject({ title: "'@SUM(A1)", owner: "'+sam" })
  })

  it('writes the header line alone when there is nothing to list', async () => {
    const { db } = testDb()
    expect((await made(incidentsCsv, db, 2)).text).toMatch(/^id,title,kind,severity,[a-z_,]+$/)
    expect((await made(actionItemsCsv, db, 2)).text).toMatch(/^id,incident_id,incident,[a-z_,]+$/)
  })
})
