import { SEVERITIES, type Incident, type IncidentStatus } from '@shared/domain/model'
import Dexie from 'dexie'
import type { SteadyDb } from '../../db/database'
import { sortForHome } from './home-order'

/**
 * The first `size` incidents in the list's order, read through indexes: a few small reads (each
 * severity of the active ones, the untriaged ones, then the most recent resolved and closed ones),
 * however many incidents there are. The list shows them while it reads the rest.
 */
export async function readHomePage(db: SteadyDb, size: number): Promise<Incident[]> {
  const recent = (status: IncidentStatus) =>
    db.incidents
      .where('[status+updatedAt]')
      .between([status, Dexie.minKey], [status, Dexie.maxKey])
      .reverse()
  const groups = await Promise.all([
    ...SEVERITIES.map((severity) =>
      db.incidents
        .where('[status+severity+updatedAt]')
        .between(['active', severity, Dexie.minKey], ['active', severity, Dexie.maxKey])
        .reverse()
        .limit(size)
        .toArray(),
    ),
    recent('resolved').limit(size).toArray(),
    recent('closed').limit(size).toArray(),
  ])
  const classified = groups.slice(0, SEVERITIES.length).flat().length
  // Not yet triaged: no severity, so in no index above, and found by reading active incidents
  // one by one. They come after every classified active one: when those fill the page, they
  // are not read (at 100,000 incidents that walked thousands of records at every change).
  if (classified < size)
    groups.push(
      await recent('active')
        .filter((incident) => incident.severity === null)
        .limit(size)
        .toArray(),
    )
  return sortForHome(groups.flat()).slice(0, size)
}

/** About two screens of rows: what the list shows before it has read every incident. */
export const FIRST_PAGE = 30

let primed: Incident[] | undefined

/** Reads the first page before the app's first render (start.tsx). */
export async function primeHomePage(db: SteadyDb): Promise<void> {
  primed = await readHomePage(db, FIRST_PAGE)
}

/** The page read at start-up, until the list first unmounts (then it may be out of date). */
export const primedHomePage = (): Incident[] | undefined => primed
export const forgetPrimedHomePage = (): void => {
  primed = undefined
}
