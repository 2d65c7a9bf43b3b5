/**
 * A period's metrics, computed from the database: every incident's summary (read whole once, then
 * only what changed: summaries-reader.ts) and the open action items (read again after items
 * change). In the app this runs in a worker (metrics.worker.ts), so years of history never freeze
 * the window; on the page where there are no workers (unit tests), and for the review report.
 */
import {
  metricsView,
  periodMetrics,
  type MetricsScope,
  type MetricsView,
  type PeriodMetrics,
} from '@shared/domain/metrics'
import type { ActionItem, Settings } from '@shared/domain/model'
import type { IncidentSummary } from '@shared/domain/summary'
import type { Period } from '@shared/domain/periods'
import Dexie from 'dexie'
import type { SteadyDb } from '../../db/database'
import type { SummariesReader } from '../../db/summaries-reader'
import { reportDraft, type ReportDraft } from './report-draft'

/** What to measure, and the context to measure it in. */
export interface MetricsRequest {
  scope: MetricsScope
  now: number
  zone: string
  settings: Settings
}

export class MetricsService {
  /** The open items, until an item changes. */
  private open: Promise<ActionItem[]> | null = null
  private readonly items: string
  private reading: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly db: SteadyDb,
    private readonly summaries: SummariesReader,
  ) {
    this.items = `idb://${db.name}/actionItems/`
    Dexie.on.storagemutated.subscribe(this.follow)
  }

  private readonly follow = (parts: Record<string, unknown>) => {
    if (this.items in parts) this.open = null
  }

  /** The metrics themselves (the report lists their incidents). */
  async metrics(request: MetricsRequest): Promise<PeriodMetrics> {
    return (await this.computed(request)).metrics
  }

  /** The review report, but for its charts' drawing (see report-export.ts). */
  async report(request: MetricsRequest, period: Period): Promise<ReportDraft> {
    return reportDraft(await this.metrics(request), period, request)
  }

  /** What the Metrics screen shows. */
  async view(request: MetricsRequest): Promise<MetricsView> {
    const { metrics, all } = await this.computed(request)
    return metricsView(metrics, all)
  }

  private async computed(request: MetricsRequest) {
    const [all, open] = await Promise.all([this.all(), this.openItems()])
    return { metrics: periodMetrics(all, open, request.scope, request), all }
  }

  stop(): void {
    Dexie.on.storagemutated.unsubscribe(this.follow)
  }

  /** Every summary; one read at a time (a reader follows changes between its reads). */
  private all(): Promise<IncidentSummary[]> {
    const next = this.reading.then(async () => {
      const all = await this.summaries.read(() => true)
      if (!all) throw new Error('The incidents could not be read.')
      return all
    })
    this.reading = next.catch(() => undefined)
    return next
  }

  private openItems() {
    // The open items only: every other one is counted through its incident's summary.
    this.open ??= this.db.actionItems.where('status').equals('open').toArray()
    return this.open
  }
}
