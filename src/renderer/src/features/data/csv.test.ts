import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'

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
