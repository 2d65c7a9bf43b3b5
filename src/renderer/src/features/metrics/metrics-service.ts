/**
 * A period's metrics, computed from the database: every incident's facts and the open action
 * items (kept as they change, and saved: metrics-store.ts), and the few records shown. In the app
 * this runs in a worker (metrics.worker.ts), so years of history never freeze the window; on the
 * page where there are no workers (unit tests).
 */
import {
  metricsView,
  periodFacts,
  shownIn,
  withRecords,
  type MetricsScope,
  type MetricsView,
  type PeriodMetrics,
} from '@shared/domain/metrics'
import type { Settings } from '@shared/domain/model'
import type { MetricsTable } from '@shared/domain/metrics-table'
import type { Period } from '@shared/domain/periods'
import { incidentRow } from '@shared/domain/report'
import type { IncidentSummary } from '@shared/domain/summary'
import type { SteadyDb } from '../../db/database'
import { summariesOf } from '../../db/summaries-reader'
import { MetricsStore } from './metrics-store'
import { reportDraft, type ReportDraft } from './report-draft'

/** What to measure, and the context to measure it in. */
export interface MetricsRequest {
  scope: MetricsScope
  now: number
  zone: string
  settings: Settings
}

export class MetricsService {
  private readonly store: MetricsStore

  /** `saveAfterMs`: how long after a change its table is saved (see metrics-store.ts). */
  constructor(
    private readonly db: SteadyDb,
    saveAfterMs?: number,
  ) {
    this.store = new MetricsStore(db, saveAfterMs)
  }

  /** The metrics themselves, with their incidents and open items (the report lists them). */
  async metrics(
    request: MetricsRequest,
    /** Told of each incident's summary as it is read (not every one: some are read at once). */
    each?: (summary: IncidentSummary) => void,
  ): Promise<PeriodMetrics> {
    const { facts, table } = await this.computed(request)
    const wanted = facts.actionItems.openItems.map(({ id }) => id)
    const { from, to } = request.scope
    const [summaries, items] = await Promise.all([
      // Most incidents: in runs of neighbouring keys; fewer: those that started in the period,
      // through its index (a year's at 100,000 are a quarter of them, spread over every key).
      facts.ids.length * 2 > table.ids.length
        ? byId(summariesOf(this.db, facts.ids, sortedIds(table), { each }))
        : byId(this.db.summaries.where('startedAt').between(from, to, true, false).toArray()),
      // Many: every open item read through the status index (one request), the others left.
      wanted.length > MANY_ITEMS
        ? byId(this.db.actionItems.where('status').equals('open').toArray())
        : byId(this.db.actionItems.bulkGet(wanted)),
    ])
    return withRecords(facts, summaries, items)
  }

  /** The review report, but for its charts' drawing (see report-export.ts). */
  async report(request: MetricsRequest, period: Period): Promise<ReportDraft> {
    // Each incident's row of the report is written while the storage reads the next summaries
    // (at 100,000 incidents the reads take 1.6 s, the rows a third of a second more).
    const rows = new Map<string, string>()
    const metrics = await this.metrics(request, (summary) =>
      rows.set(summary.id, incidentRow(summary, request.zone)),
    )
    return reportDraft(metrics, period, { ...request, rows })
  }

  /** What the Metrics screen shows. */
  async view(request: MetricsRequest): Promise<MetricsView> {
    const { facts, table } = await this.computed(request)
    const shown = shownIn(facts)
    const [incidents, items] = await Promise.all([
      byId(this.db.summaries.bulkGet(shown.incidents)),
      byId(this.db.actionItems.bulkGet(shown.items)),
    ])
    return metricsView(facts, table.serviceChoices, {
      incidents: [...incidents.values()],
      items: [...items.values()],
    })
  }

  /** Reads the table (and what changed since it was saved) before it is asked for. */
  async warm(): Promise<void> {
    await this.store.current()
  }

  private async computed(request: MetricsRequest) {
    const { table, open } = await this.store.current()
    return { facts: periodFacts(table, open, request.scope, request), table }
  }

  stop(): void {
    this.store.stop()
  }
}

/** Each table's ids in key order, sorted once (100,000 ids: tens of milliseconds a report). */
const sorted = new WeakMap<MetricsTable, readonly string[]>()
function sortedIds(table: MetricsTable): readonly string[] {
  let ids = sorted.get(table)
  if (!ids) sorted.set(table, (ids = [...table.ids].sort()))
  return ids
}

/** More items than this, and reading every open item is quicker than asking for each. */
const MANY_ITEMS = 2000

/** The records found, by id. */
async function byId<T extends { id: string }>(
  found: Promise<(T | undefined)[]>,
): Promise<Map<string, T>> {
  return new Map((await found).flatMap((row) => (row ? [[row.id, row] as const] : [])))
}
