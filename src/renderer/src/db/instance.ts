/** The app's database, repositories and autosave. Tests make their own on fake-indexeddb. */
import type { ActionItem } from '@shared/domain/model'
import type { PostmortemDoc } from '@shared/domain/postmortem'
import { Autosave } from './autosave'
import { createDetailsAutosave } from './details-autosave'
import { ActionItemsRepo } from './action-items-repo'
import { SteadyDb } from './database'
import { EventStore } from './event-store'
import { IncidentsRepo } from './incidents-repo'
import { PostmortemsRepo } from './postmortems-repo'
import { loadTeamConfig } from '../sync/team-config'

export const db = new SteadyDb()
// In a team, events say who recorded them (joining or leaving a team reloads the page).
const teamName = loadTeamConfig()?.name ?? ''
/** Every write to incidents goes through here (team sync listens to it). */
export const eventStore = new EventStore({ db, author: () => teamName })
const store = eventStore
export const incidentsRepo = new IncidentsRepo(store)
export const actionItemsRepo = new ActionItemsRepo(store)
export const postmortemsRepo = new PostmortemsRepo(store)
export const autosave = createDetailsAutosave(incidentsRepo)

/** Action item fields, typed into tables: the same journal, then a durable edit. */
export const itemAutosave = new Autosave<Partial<ActionItem>>({
  prefix: 'steady.item.',
  merge: (older, newer) => ({ ...older, ...newer }),
  write: (id, patch) => actionItemsRepo.edit(id, patch),
})

/** The post-mortem document: the newest version replaces any older pending one. */
export const postmortemAutosave = new Autosave<PostmortemDoc>({
  prefix: 'steady.postmortem.',
  // The editor already hands the document over at most every 200 ms while typing goes on, so it
  // is written promptly: a document typed without a pause is on disk within about a third of a
  // second, well inside the one second a kill may cost (even on a loaded machine).
  delayMs: 100,
  maxWaitMs: 100,
  write: (id, doc) => postmortemsRepo.save(id, doc),
})

export const allAutosaves = [autosave, itemAutosave, postmortemAutosave]
