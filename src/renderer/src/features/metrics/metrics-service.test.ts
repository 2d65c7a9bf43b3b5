import { OVERDUE_SHOWN, metricsView, periodMetrics } from '@shared/domain/metrics'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { DAY } from '@shared/domain/time'
import { expect, it } from 'vitest'
import { generateDataset } from '../../../../../bench/generate.mjs'
import { summariesReader } from '../../db/summaries-reader'
import { putHistory, testDb } from '../../db/test-db'
import { MetricsService, type MetricsRequest } from './metrics-service'

it("computes the screen's view from the database, and follows incidents and items as they change", async () => {
  const t = testDb()
  const history = generateDataset(200, { eventsPer: 1, bigEvents: 0 })
  await putHistory(t.db, history)
  const service = new MetricsService(t.db, summariesReader(t.db))
  const request: MetricsRequest = {
    scope: { from: 0, to: t.clock.now + DAY, kinds: ['incident'] },
    now: t.clock.now,
    zone: 'Europe/Berlin',
    settings: DEFAULT_SETTINGS,
  }
  /** The view computed straight from the tables, as the screen must show it. */
  const expected = async () => {
    const all = await t.db.summaries.toArray()
    const open = await t.db.actionItems.where('status').equals('open').toArray()
    return metricsView(periodMetrics(all, open, request.scope, request), all)
  }
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
