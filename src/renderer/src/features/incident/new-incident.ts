import { measured } from '../../platform/perf'
import { incidentsRepo } from '../../db/instance'
import { useUi } from '../../stores/ui-store'

/** Opens a new incident and lands in Capture, where the first field has focus. */
export async function newIncident(): Promise<void> {
  const incident = await measured('new-incident', () => incidentsRepo.open())
  useUi.getState().navigate({ screen: 'incident', id: incident.id })
}
