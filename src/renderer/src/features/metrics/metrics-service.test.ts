// @vitest-environment node
import 'fake-indexeddb/auto'
import {
  OVERDUE_SHOWN,
  metricsView,
  periodFacts,
  periodMetrics,
  shownIn,
} from '@shared/domain/metrics'
import { buildTable, openItemsOf } from '@shared/domain/metrics-table'
import { periodOf } from '@shared/domain/periods'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { DAY } from '@shared/domain/time'
import { expect, it, vi } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { SteadyDb } from '../../db/database'
import { openDatabase } from '../../db/errors'
import { asChecked, countReads, putHistory, testDb } from '../../db/test-db'
import { exportAll, replaceAll } from '../../db/transfer'
import { TABLE_KEY } from './metrics-store'
import { MetricsService, type MetricsRequest } from './metrics-service'
import { reportDraft } from './report-draft'

type TestDb = ReturnType<typeof testDb>

const requestAt = (t: TestDb): MetricsRequest => ({
  scope: { from: 0, to: t.clock.now + DAY, kinds: ['incident'] },
  now: t.clock.now,
  zone: 'Europe/Berlin',
  settings: DEFAULT_SETTINGS,
})

/** The view computed straight from the tables, as the screen must show it. */
async function expectedView(t: TestDb, request: MetricsRequest) {
  const all = await t.db.summaries.toArray()
  const items = await t.db.actionItems.toArray()
  const table = buildTable(all)
  const facts = periodFacts(table, openItemsOf(items), request.scope, request)
  const shown = shownIn(facts)
  return metricsView(facts, table.serviceChoices, {
    incidents: all.filter((i) => shown.incidents.includes(i.id)),
    items: items.filter((i) => shown.items.includes(i.id)),
  })
}

it("computes the screen's view from the database, and follows incidents and items as they change", async () => {
  const t = testDb()
  const history = generateDataset(200, { eventsPer: 1, bigEvents: 0 })
  await putHistory(t.db, history)
  const service = new MetricsService(t.db)
  const request = requestAt(t)
  const expected = () => expectedView(t, request)
  const first = await service.view(request)
  expect(first).toEqual(await expected())
  expect(first.count).toBeGreaterThan(100)
  expect(first.actionItems.overdueCount).toBeGreaterThan(OVERDUE_SHOWN)
  expect(first.actionItems.overdue).toHaveLength(OVERDUE_SHOWN)
  // Longest overdue first, each named by its incident.
  const ages = first.actionItems.overdue.map((o) => o.age)
  expect(ages).toEqual([...ages].sort((a, b) => b - a))
  const [top] = first.actionItems.overdue
  if (!top) throw new Error('nothing overdue')
  const owner = history.incidents.find((i) => i.id === top.item.incidentId)
  expect(top.incidentTitle).toBe(owner?.title)

  // An item written down and overdue for longer than any, and its incident renamed.
  const { id } = await t.incidents.open({ title: 'Queue stuck', details: { services: ['queue'] } })
  await t.actionItems.create(id, {
    title: 'Alert on queue depth',
    dueAt: t.clock.now - 20 * 365 * DAY,
  })
  await t.incidents.editDetails(id, { title: 'Queue stuck on eu-1' })
  const next = await service.view(request)
  expect(next).toEqual(await expected())
  expect(next.count).toBe(first.count + 1)
  expect(next.actionItems.open).toBe(first.actionItems.open + 1)
  expect(next.actionItems.overdue[0]).toMatchObject({
    item: { title: 'Alert on queue depth' },
    incidentTitle: 'Queue stuck on eu-1',
  })
  expect(next.allServices).toContain('queue')

  // Out of scope, still a choice of the service filter.
  const before = { ...request, scope: { ...request.scope, to: 1 } }
  const none = await service.view(before)
  expect(none.count).toBe(0)
  expect(none.allServices).toEqual(next.allServices)
  service.stop()
})

it('opens from its saved table after a restart, reading only the incidents changed since', async () => {
  const t = testDb()
  await putHistory(t.db, generateDataset(300, { eventsPer: 1, bigEvents: 0 }))
  const request = requestAt(t)
  const first = new MetricsService(t.db, 0)
  await first.view(request)
  await vi.waitFor(async () => expect(await t.db.caches.get(TABLE_KEY)).toBeDefined())
  first.stop()

  // Written while Metrics was closed: a new incident, one renamed and moved to another service,
  // an action item (its incident's digest), one put in the trash, one deleted for good.
  const [a, b, c, d] = await t.db.incidents.limit(4).toArray()
  if (!a || !b || !c || !d) throw new Error('no incidents')
  await t.incidents.open({ title: 'Queue stuck', details: { services: ['queue'] } })
  await t.incidents.editDetails(a.id, { title: 'Renamed', services: ['billing'] })
  await t.actionItems.create(b.id, { title: 'Alert on it', dueAt: t.clock.now - 400 * DAY })
  await t.incidents.delete(c.id)
  await t.db.incidents.delete(d.id)
  // An item done within a day, written alone (as a sync does): only its incident's digest
  // changes (one more item, one more done on time).
  const item = await t.db.actionItems.where('status').equals('open').first()
  if (!item) throw new Error('no open item')
  await t.db.actionItems.add({
    ...item,
    id: 'done-alone',
    status: 'done',
    doneAt: item.createdAt + DAY,
  })

  // The worker started again: a database handle of its own, whose reads are counted.
  const again = new SteadyDb(t.db.name)
  const reads = countReads(again)
  await openDatabase(again)
  const second = new MetricsService(again, 0)
  const view = await second.view(request)
  expect(view).toEqual(await expectedView(t, request))
  expect(view.allServices).toEqual(expect.arrayContaining(['queue', 'billing']))
  // The changed summaries and the titles of the overdue items shown: not all 300.
  expect(reads['summaries'] ?? 0).toBeLessThanOrEqual(6 + OVERDUE_SHOWN)
  // The items of the incidents changed, and those shown: fewer than the open items alone.
  const open = await t.db.actionItems.where('status').equals('open').count()
  expect(reads['actionItems'] ?? 0).toBeLessThan(open)
  second.stop()
})

it('reads every summary again after a restore, which replaces them all', async () => {
  const t = testDb()
  await putHistory(t.db, generateDataset(50, { eventsPer: 1, bigEvents: 0 }))
  const request = requestAt(t)
  const first = new MetricsService(t.db, 0)
  const before = await first.view(request)
  await vi.waitFor(async () => expect(await t.db.caches.get(TABLE_KEY)).toBeDefined())
  first.stop()

  const other = testDb(undefined, 'other')
  // Other incidents altogether (none has an id of the first 50).
  await putHistory(other.db, generateDataset(30, { eventsPer: 1, bigEvents: 0, from: 500 }))
  await replaceAll(t.db, asChecked(await exportAll(other.db)))
  const second = new MetricsService(t.db, 0)
  const after = await second.view(request)
  expect(after).toEqual(await expectedView(t, request))
  expect(after.count).not.toBe(before.count)
  second.stop()
})

it('hands the report every incident of the period and its open items, as computed from them all', async () => {
  const t = testDb()
  await putHistory(t.db, generateDataset(300, { eventsPer: 1, bigEvents: 0 }))
  const service = new MetricsService(t.db)
  const request = requestAt(t)
  const all = await t.db.summaries.toArray()
  const items = await t.db.actionItems.toArray()
  const [service1] = all.flatMap((i) => i.services)
  // Every incident (one long run of keys), then those of one service (short runs).
  for (const scope of [request.scope, { ...request.scope, service: service1 }]) {
    const metrics = await service.metrics({ ...request, scope })
    const expected = periodMetrics(all, items, scope, request)
    expect(metrics).toEqual(expected)
    expect(metrics.incidents.length).toBeGreaterThan(0)
    expect(metrics.actionItems.openItems.length).toBeGreaterThan(0)
    // The report's rows, written as the summaries came: the report written from them all, its
    // times in the request's zone.
    const period = periodOf('all', request)
    const report = await service.report({ ...request, scope }, period)
    expect(report).toEqual(reportDraft(expected, period, request))
  }
  service.stop()
})
