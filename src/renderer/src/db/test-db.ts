/** A fresh database per test, on fake-indexeddb, with a controllable clock. For tests only. */
import { ActionItemsRepo } from './action-items-repo'
import { SteadyDb } from './database'
import { EventStore } from './event-store'
import { IncidentsRepo } from './incidents-repo'
import { PostmortemsRepo } from './postmortems-repo'

let counter = 0

/** `idPrefix`: two test databases standing for two machines must not make the same ids. */
export function testDb(start = Date.UTC(2026, 10, 26, 14, 0), idPrefix = 'id') {
  const db = new SteadyDb(`steady-test-${++counter}-${Math.random().toString(36).slice(2)}`)
  const clock = { now: start, advance: (ms: number) => (clock.now += ms) }
  let ids = 0
  const deps = { db, now: () => clock.now, newId: () => `${idPrefix}-${++ids}` }
  // One event store for all, as in the app: whoever listens to its writes hears them all.
  const store = new EventStore(deps)
  return {
    db,
    clock,
    store,
    incidents: new IncidentsRepo(store),
    actionItems: new ActionItemsRepo(store),
    postmortems: new PostmortemsRepo(store),
  }
}
