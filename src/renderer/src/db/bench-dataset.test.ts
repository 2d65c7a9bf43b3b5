import { replay, timelineEventSchema } from '@shared/domain/events'
import { actionItemSchema, incidentSchema } from '@shared/domain/model'
import { postmortemDocSchema } from '@shared/domain/postmortem'
import { describe, expect, it } from 'vitest'
import { generateDataset } from '../../../../bench/generate.mjs'

describe('benchmark dataset', () => {
  it('holds only records the app itself would store', () => {
    const data = generateDataset(14, { bigEvents: 30 })
    for (const incident of data.incidents) expect(incidentSchema.parse(incident)).toEqual(incident)
    for (const event of data.events) timelineEventSchema.parse(event)
    for (const item of data.actionItems) actionItemSchema.parse(item)
    for (const pm of data.postmortems) postmortemDocSchema.parse(pm.doc)
    expect(data.incidents.map((i) => i.phase)).toContain('prevention')
    expect(data.events.filter((e) => e.incidentId === 'bench-000000')).toHaveLength(30)
    expect(
      data.postmortems.find((p) => p.incidentId === 'bench-000005')?.doc.content.length,
    ).toBeGreaterThan(400)
  })

  it('is the same every time', () => {
    expect(generateDataset(5)).toEqual(generateDataset(5))
  })

  it('makes any slice of the history alone, as it is in the whole (seeding in chunks)', () => {
    const whole = generateDataset(9, { eventsPer: 3, bigEvents: 3 })
    const slice = generateDataset(4, { eventsPer: 3, bigEvents: 3, from: 5 })
    expect(slice.incidents).toEqual(whole.incidents.slice(5))
    expect(slice.events).toEqual(whole.events.filter((e) => e.incidentId >= 'bench-000005'))
    expect(new Set(whole.incidents.map((i) => i.title)).size).toBe(9)
  })

  it('replays each incident from its events, as far as the events say', () => {
    const data = generateDataset(3)
    const first = replay(data.events.filter((e) => e.incidentId === 'bench-000001'))
    expect(first?.notes).toEqual(data.incidents[1]?.notes)
  })
})
