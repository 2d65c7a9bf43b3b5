/** The app's database and repositories. Tests make their own on fake-indexeddb instead. */
import { ActionItemsRepo } from './action-items-repo'
import { SteadyDb } from './database'
import { IncidentsRepo } from './incidents-repo'

export const db = new SteadyDb()
export const incidentsRepo = new IncidentsRepo({ db })
export const actionItemsRepo = new ActionItemsRepo({ db })
