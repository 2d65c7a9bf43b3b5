import type { IncidentDetails } from '@shared/domain/model'
import type { IncidentsRepo } from './incidents-repo'
import { Autosave } from './autosave'

/** Incident fields: one pending patch per incident, written with editDetails. */
export const createDetailsAutosave = (incidents: Pick<IncidentsRepo, 'editDetails'>) =>
  new Autosave<Partial<IncidentDetails>>({
    prefix: 'steady.pending.',
    merge: (older, newer) => ({ ...older, ...newer }),
    write: (id, patch) => incidents.editDetails(id, patch),
  })
