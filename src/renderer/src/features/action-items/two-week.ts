/** The two-week rule on the action items page, counted from the incidents' summaries. */
import { countDigest } from '@shared/domain/action-items'
import type { ListRow } from '@shared/domain/summary'
import { useEffect, useState } from 'react'
import { yieldToPage } from '../../platform/perf'

type Tally = { counted: number; onTime: number }

/** Incidents shown in the per-incident table: the latest, not a long history's every one. */
export const PER_INCIDENT_ROWS = 30

type TwoWeekTally = { overall: Tally; perIncident: (Tally & { id: string; total: number })[] }

/** Summaries counted between two looks at the page: a few milliseconds' work. */
const TALLY_SLICE = 5000

/**
 * The two-week rule over every item (but those of incidents in the trash), overall and for the
 * incidents with the latest items: counted from each incident's summary, never from the items,
 * a slice at a time (100,000 summaries in one go would hold the page for tens of milliseconds).
 */
export async function twoWeekTally(
  summaries: readonly ListRow[],
  now: number,
  wanted: () => boolean,
): Promise<TwoWeekTally | undefined> {
  const overall: Tally = { counted: 0, onTime: 0 }
  // The latest incidents so far, kept to a page after each slice: sorting 100,000 at the end
  // held the page for 30 ms.
  let newest: (Tally & { id: string; total: number; latest: number })[] = []
  for (let from = 0; from < summaries.length; from += TALLY_SLICE) {
    // After the page's own work: the items and their rows come first.
    await yieldToPage('background')
    if (!wanted()) return undefined
    const byIncident = newest
    for (const summary of summaries.slice(from, from + TALLY_SLICE)) {
      const digest = summary.items
      if (!digest || summary.status === 'deleted') continue
      countDigest(overall, digest, now)
      const { total, latest } = digest
      const entry = { id: summary.id, counted: 0, onTime: 0, total, latest }
      countDigest(entry, digest, now)
      if (entry.counted > 0) byIncident.push(entry)
    }
    newest = byIncident.sort((a, b) => b.latest - a.latest).slice(0, PER_INCIDENT_ROWS)
  }
  return { overall, perIncident: newest }
}

export function useTwoWeekTally(summaries: readonly ListRow[] | undefined, now: number) {
  const [tally, setTally] = useState<TwoWeekTally>()
  useEffect(() => {
    if (!summaries) return
    let alive = true
    void twoWeekTally(summaries, now, () => alive).then((next) => alive && next && setTally(next))
    return () => {
      alive = false
    }
  }, [summaries, now])
  return tally
}
