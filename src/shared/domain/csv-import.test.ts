import { describe, expect, it } from 'vitest'
import { guessMapping, mapRows, parseImportTime, type ColumnMapping } from './csv-import'
import { replay, stampEvents } from './events'

const NOW = Date.UTC(2026, 10, 27, 12)
const ctx = { zone: 'Europe/Berlin', now: NOW, source: 'history.csv' }

/** The incident the app would store from an imported row. */
function stored(drafts: Parameters<typeof stampEvents>[0]) {
  let n = 0
  return replay(
    stampEvents(drafts, { incidentId: 'x', lastSeq: 0, recordedAt: NOW, newId: () => `e${++n}` }),
  )
}

describe('CSV import', () => {
  it("guesses the columns from the headers, Steady's own export included", () => {
    const ours = [
      'id',
      'title',
      'kind',
      'severity',
      'status',
      'phase',
      'services',
      'tags',
      'started',
      'detected',
      'mitigated',
      'resolved',
      'root_cause',
    ]
    expect(guessMapping(ours)).toMatchObject({
      title: 'title',
      started: 'started',
      resolved: 'resolved',
      rootCause: 'root_cause',
      kind: 'kind',
    })
    const theirs = guessMapping(['Incident', 'Date', 'Sev', 'Component', 'Notes'])
    expect(theirs).toMatchObject({
      title: 'Incident',
      started: 'Date',
      severity: 'Sev',
      services: 'Component',
      symptoms: '',
    })
  })

  it('reads times with an offset as instants, and times without one in the user’s zone', () => {
    expect(parseImportTime('2024-07-19T14:05:00Z', 'Europe/Berlin')).toBe(
      Date.UTC(2024, 6, 19, 14, 5),
    )
    expect(parseImportTime('2024-07-19T14:05+02:00', 'UTC')).toBe(Date.UTC(2024, 6, 19, 12, 5))
    expect(parseImportTime('2024-07-19 14:05', 'Europe/Berlin')).toBe(Date.UTC(2024, 6, 19, 12, 5))
    expect(parseImportTime('2024-07-19', 'UTC')).toBe(Date.UTC(2024, 6, 19))
    for (const bad of [
      '2024-02-30 10:00',
      '2024-02-30T10:00Z',
      '19/07/2024',
      'yesterday',
      '2024-07-19 25:00',
    ])
      expect(parseImportTime(bad, 'UTC'), bad).toBeNull()
  })

  it('turns each row into the events of a past incident, every fact in its place', () => {
    const mapping = guessMapping([
      'title',
      'started',
      'detected',
      'mitigated',
      'resolved',
      'severity',
      'services',
      'tags',
      'kind',
      'root cause',
      'description',
    ])
    const result = mapRows(
      [
        {
          title: "'=HYPERLINK(1) checkout down",
          started: '2025-03-01 09:00',
          detected: '2025-03-01 09:12',
          mitigated: '2025-03-01 10:00',
          resolved: '2025-03-01 11:30',
          severity: 'sev 2',
          services: 'checkout; payments',
          tags: 'db',
          kind: 'Near miss',
          'root cause': 'Pool exhausted',
          description: 'Orders fail',
        },
        {
          title: 'Ongoing thing',
          started: '2026-11-27',
          detected: '',
          mitigated: '',
          resolved: '',
          severity: '',
          services: '',
          tags: '',
          kind: '',
          'root cause': '',
          description: '',
        },
      ],
      mapping,
      ctx,
    )
    if (!result.ok) throw new Error(result.errors.join('\n'))
    const [a, b] = result.incidents.map((i) => stored(i.drafts))
    expect(a).toMatchObject({
      title: '=HYPERLINK(1) checkout down',
      startedAt: Date.UTC(2025, 2, 1, 8),
      detectedAt: Date.UTC(2025, 2, 1, 8, 12),
      mitigatedAt: Date.UTC(2025, 2, 1, 9),
      resolvedAt: Date.UTC(2025, 2, 1, 10, 30),
      severity: 'SEV2',
      services: ['checkout', 'payments'],
      tags: ['db'],
      kind: 'near-miss',
      symptoms: 'Orders fail',
      status: 'closed',
      phase: 'prevention',
    })
    expect(a?.rootCause.summary).toBe('Pool exhausted')
    expect(a?.notes.map((n) => n.text)).toEqual([
      'Imported from history.csv, row 2, on 27 Nov 2026, 13:00.',
    ])
    expect(b).toMatchObject({
      status: 'active',
      phase: 'capture',
      severity: null,
      detectedAt: b?.startedAt,
    })
  })

  it('refuses the whole file when any row is wrong, and says which and why', () => {
    const mapping: ColumnMapping = {
      ...guessMapping(['title', 'started', 'resolved', 'severity', 'status']),
    }
    const row = (over: Record<string, string>) => ({
      title: 'x',
      started: '2025-01-01 10:00',
      resolved: '',
      severity: '',
      status: '',
      ...over,
    })
    const result = mapRows(
      [
        row({}),
        row({ title: '' }),
        row({ started: '31/01/2025' }),
        row({ resolved: '2025-01-01 09:00' }),
        row({ severity: 'critical' }),
        row({ started: '2027-01-01' }),
        row({ title: 'x'.repeat(301) }),
        row({ status: 'resolved' }),
      ],
      mapping,
      ctx,
    )
    expect(result).toEqual({
      ok: false,
      total: 8,
      errors: [
        'Row 3: the title is empty.',
        'Row 4: Impact started “31/01/2025” is not a date (use 2024-07-19 14:05, 2024-07-19, or ISO 8601 like 2024-07-19T14:05:00Z).',
        'Row 5: Resolved is before the impact started.',
        'Row 6: Severity “critical” is not SEV1–SEV4 (or 1–4).',
        'Row 7: Impact started is in the future.',
        'Row 8: Title is 301 characters; at most 300.',
        'Row 9: it is resolved but has no resolution time.',
      ],
    })
    // 300 characters is fine.
    expect(mapRows([row({ title: 'x'.repeat(300) })], mapping, ctx).ok).toBe(true)
    expect(mapRows([row({})], { ...mapping, started: '' }, ctx)).toMatchObject({
      ok: false,
      errors: ['Choose the column for Impact started.'],
    })
  })
})
