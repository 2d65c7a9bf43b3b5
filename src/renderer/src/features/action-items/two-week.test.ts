import { DAY } from '@shared/domain/time'
import type { IncidentSummary } from '@shared/domain/summary'
import { expect, it } from 'vitest'
import { PER_INCIDENT_ROWS, twoWeekTally } from './two-week'

const NOW = Date.UTC(2026, 10, 28)

/** Incident n: one item done in a week, one done in a month, one open since n days ago. */
const summary = (n: number, status: IncidentSummary['status'] = 'closed') =>
  ({
    id: `i${String(n).padStart(6, '0')}`,
    status,
    items: { total: 3, done: 2, onTime: 1, notDoneSince: [NOW - n * DAY], latest: n },
  }) as unknown as IncidentSummary

it('counts every summary of a history too long for one slice, and lists the latest incidents', async () => {
  // 12,345 incidents: more than two slices, the last one partial.
  const summaries = Array.from({ length: 12_345 }, (_, n) => summary(n))
  // One in the trash, in the last slice: its items are not counted.
  summaries[12_000] = summary(12_000, 'deleted')
  const tally = await twoWeekTally(summaries, NOW, () => true)
  const counted = summaries.length - 1
  // Each counts its two done items, one of them on time, and its open item once two weeks old.
  const overdueOpen = summaries.filter((s, n) => s.status !== 'deleted' && n >= 14).length
  expect(tally?.overall).toEqual({ counted: 2 * counted + overdueOpen, onTime: counted })
  // The incidents with the newest items (the highest n, in the last slice), newest first.
  expect(tally?.perIncident).toHaveLength(PER_INCIDENT_ROWS)
  expect(tally?.perIncident[0]).toMatchObject({ id: 'i012344', total: 3, counted: 3, onTime: 1 })
  expect(tally?.perIncident.map((p) => p.id)).not.toContain('i012000')
})

it('stops when no longer wanted, between slices', async () => {
  let asked = 0
  const summaries = Array.from({ length: 12_000 }, (_, n) => summary(n))
  expect(await twoWeekTally(summaries, NOW, () => ++asked < 2)).toBeUndefined()
  expect(asked).toBe(2)
})
