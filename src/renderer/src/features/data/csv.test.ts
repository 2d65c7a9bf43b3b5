import { IncidentLog, T0 } from '@shared/domain/test-helpers'
import { newActionItem } from '@shared/domain/action-items'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { actionItemsCsv, incidentsCsv, parseCsv } from './csv'

const read = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true }).data

describe('CSV export', () => {
  const incident = {
    ...new IncidentLog('inc-1', { now: T0, title: 'Checkout, "EU"\nreturns 502' }).incident,
    services: ['checkout', 'gateway'],
    tags: ['eu'],
  }

  it('writes one row per incident that a spreadsheet reads back exactly', () => {
    const [row, ...rest] = read(
      incidentsCsv([incident, { ...incident, id: 'gone', status: 'deleted' }]),
    )
    expect(rest).toEqual([])
    expect(row).toMatchObject({
      id: 'inc-1',
      title: 'Checkout, "EU"\nreturns 502',
      services: 'checkout; gateway',
      tags: 'eu',
      started: new Date(T0).toISOString(),
      kind: 'incident',
    })
  })

  it('never lets a cell run as a spreadsheet formula', () => {
    const hostile = { ...incident, title: '=HYPERLINK("http://evil","click")' }
    expect(read(incidentsCsv([hostile]))[0]?.['title']).toBe('\'=HYPERLINK("http://evil","click")')
    const item = {
      ...newActionItem({ title: '@SUM(A1)', owner: '+sam' }, incident, { id: 'a', now: T0 }),
    }
    const [row] = read(actionItemsCsv([item], new Map([['inc-1', 'Checkout']])))
    expect(row).toMatchObject({ title: "'@SUM(A1)", owner: "'+sam", incident: 'Checkout' })
  })
})

describe('parseCsv', () => {
  it("reads Steady's own export back, and refuses a table whose rows do not line up", () => {
    const parsed = parseCsv('\uFEFFtitle, started \r\n"Checkout, EU",2025-01-01\r\n\r\n')
    expect(parsed).toEqual({
      ok: true,
      headers: ['title', 'started'],
      rows: [{ title: 'Checkout, EU', started: '2025-01-01' }],
    })
    expect(parseCsv('title,started\nA,2025-01-01,extra\n')).toMatchObject({
      ok: false,
      message: expect.stringContaining('(row 2)'),
    })
    expect(parseCsv('')).toMatchObject({ ok: false })
  })
})
