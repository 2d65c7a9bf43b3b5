import { beforeEach, describe, expect, it } from 'vitest'
import { db, incidentsRepo } from '../db/instance'
import { useUi } from '../stores/ui-store'
import { followMissedClicks } from './missed-clicks'

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()))
  useUi.getState().navigate({ screen: 'incidents' })
})

describe('a click on the start-up picture that found nothing live', () => {
  it('opens the incident it named when it still exists (out of the visible rows)', async () => {
    const { id } = await incidentsRepo.open({ title: 'Checkout down' })
    await followMissedClicks([{ text: 'Checkout down', incidentId: id }])
    expect(useUi.getState().route).toEqual({ screen: 'incident', id })
    expect(useUi.getState().notice).toBeNull()
  })

  it('says so when the incident was deleted, or the control is gone', async () => {
    const { id } = await incidentsRepo.open({ title: 'Checkout down' })
    await incidentsRepo.delete(id)
    await followMissedClicks([{ text: 'Checkout down', incidentId: id }])
    expect(useUi.getState().route).toEqual({ screen: 'incidents' })
    expect(useUi.getState().notice).toMatch(/no longer there: it was deleted/)
    await followMissedClicks([{ text: 'Save filter' }])
    expect(useUi.getState().notice).toMatch(/you clicked “Save filter”.*nothing was done/)
  })
})
