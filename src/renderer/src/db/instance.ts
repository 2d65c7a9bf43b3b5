/** The app's database, repositories and autosave. Tests make their own on fake-indexeddb. */
import { createDetailsAutosave } from '../features/incident/details-autosave'
import { ActionItemsRepo } from './action-items-repo'
import { SteadyDb } from './database'
import { IncidentsRepo } from './incidents-repo'
import { PostmortemsRepo } from './postmortems-repo'

export const db = new SteadyDb()
export const incidentsRepo = new IncidentsRepo({ db })
export const actionItemsRepo = new ActionItemsRepo({ db })
export const postmortemsRepo = new PostmortemsRepo({ db })
export const autosave = createDetailsAutosave(incidentsRepo)
