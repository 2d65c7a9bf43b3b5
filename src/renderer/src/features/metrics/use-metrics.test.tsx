import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { renderHook, waitFor } from '@testing-library/react'
import { expect, it } from 'vitest'
import { db } from '../../db/instance'
import { IncidentsRepo } from '../../db/incidents-repo'
import { EventStore } from '../../db/event-store'
import type { MetricsRequest } from './metrics-service'
import { useMetricsView } from './use-metrics'

it('shows the view of the current request, and computes it again when incidents change', async () => {
  const incidents = new IncidentsRepo(
    new EventStore({ db, now: () => Date.now(), newId: () => crypto.randomUUID() }),
  )
  await incidents.open({ title: 'Checkout returns 502' })
  const request = (to: number): MetricsRequest => ({
    scope: { from: 0, to, kinds: ['incident'] },
    now: Date.now(),
    zone: 'UTC',
    settings: DEFAULT_SETTINGS,
  })
  const later = Date.now() + 60_000
  const { result, rerender } = renderHook(({ r }) => useMetricsView(r), {
    initialProps: { r: request(later) },
  })
  await waitFor(() => expect(result.current.view?.count).toBe(1))
  expect(result.current.current).toBe(true)

  // Another incident, written elsewhere: counted once writes pause.
  await incidents.open({ title: 'Search index stale' })
  await waitFor(() => expect(result.current.view?.count).toBe(2))

  // A new request: the last view stays, marked as not current, until the new one arrives.
  rerender({ r: request(1) })
  expect(result.current).toMatchObject({ current: false, view: { count: 2 } })
  await waitFor(() => expect(result.current).toMatchObject({ current: true, view: { count: 0 } }))
})
