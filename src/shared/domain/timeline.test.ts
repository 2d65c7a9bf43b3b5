import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEvent, openIncidentDrafts, replay, type EventDraft } from './events'
import { PHASES, SEVERITIES } from './model'
import { IncidentLog, T0 } from './test-helpers'
import { describeEvent, orderTimeline, spansDays, visibleTimeline } from './timeline'
import { DAY, HOUR, MINUTE } from './time'

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe('timeline', () => {
  it('orders by when things happened, keeping backdated events and their recording time', () => {
    const log = new IncidentLog('inc-1', {
      now: T0,
      title: 'Checkout 502',
      startedAt: T0 - 40 * MINUTE,
      detectedAt: T0 - 5 * MINUTE,
    })
    log.record(
      { kind: 'note', at: T0 - 60 * MINUTE, payload: { text: 'Deploy 4182 went out' } },
      T0 + MINUTE,
    )
    const timeline = visibleTimeline(log.events)
    expect(timeline.map(describeEvent)).toEqual([
      'Deploy 4182 went out',
      'Impact started',
      'Detected',
      'Incident opened: Checkout 502',
    ])
    expect(timeline[0]?.recordedAt).toBe(T0 + MINUTE)
  })

  it('hides autosaved field edits from readers but keeps them for replay', () => {
    const log = new IncidentLog()
    log.record({ kind: 'details-edited', at: T0, payload: { changes: { symptoms: '502s' } } })
    expect(visibleTimeline(log.events).some((e) => e.kind === 'details-edited')).toBe(false)
    expect(log.incident.symptoms).toBe('502s')
  })

  it('needs dates once an incident spans days, including across midnight', () => {
    const late = Date.UTC(2026, 10, 26, 23, 50)
    expect(spansDays([{ at: late }, { at: late + 5 * MINUTE }], utcDay)).toBe(false)
    expect(spansDays([{ at: late }, { at: late + 15 * MINUTE }], utcDay)).toBe(true)
    expect(spansDays([{ at: late }, { at: late + 3 * DAY }], utcDay)).toBe(true)
  })
})

/** A random but valid history: any mix of events, recorded in order, happening at any time. */
const draftArb: fc.Arbitrary<EventDraft> = fc.oneof(
  fc.record({
    kind: fc.constant('note' as const),
    at: fc.integer({ min: T0 - 3 * DAY, max: T0 + 30 * DAY }),
    payload: fc.record({ text: fc.string() }),
  }),
  fc.record({
    kind: fc.constant('phase-changed' as const),
    at: fc.integer({ min: T0, max: T0 + 30 * DAY }),
    payload: fc.record({ from: fc.constantFrom(...PHASES), to: fc.constantFrom(...PHASES) }),
  }),
  fc.record({
    kind: fc.constant('severity-changed' as const),
    at: fc.integer({ min: T0, max: T0 + DAY }),
    payload: fc.record({
      from: fc.constantFrom(null, ...SEVERITIES),
      to: fc.constantFrom(...SEVERITIES),
    }),
  }),
  fc.record({
    kind: fc.constant('details-edited' as const),
    at: fc.integer({ min: T0, max: T0 + DAY }),
    payload: fc.record({
      changes: fc.record(
        { title: fc.string(), symptoms: fc.string(), statusCodes: fc.array(fc.string()) },
        { requiredKeys: [] },
      ),
    }),
  }),
  fc.record({
    kind: fc.constant('mitigation-verified' as const),
    at: fc.integer({ min: T0, max: T0 + DAY }),
    payload: fc.constant({}),
  }),
  fc.record({
    kind: fc.constantFrom('resolved' as const, 'fix-deployed' as const, 'impact-started' as const),
    at: fc.integer({ min: T0 - HOUR, max: T0 + 2 * DAY }),
    payload: fc.constant({}),
  }),
)

describe('timeline properties', () => {
  it('is always ordered by time, then by recording order', () => {
    fc.assert(
      fc.property(fc.array(draftArb, { maxLength: 40 }), (drafts) => {
        const log = new IncidentLog()
        drafts.forEach((d, i) => log.record(d, T0 + i))
        const ordered = orderTimeline(log.events)
        expect(ordered).toHaveLength(log.events.length)
        for (let i = 1; i < ordered.length; i++) {
          const [a, b] = [ordered[i - 1]!, ordered[i]!]
          expect(a.at < b.at || (a.at === b.at && a.seq < b.seq)).toBe(true)
        }
      }),
    )
  })

  it('replaying the events, in any stored order, reproduces the incident', () => {
    fc.assert(
      fc.property(fc.array(draftArb, { maxLength: 40 }), fc.integer(), (drafts, seed) => {
        const log = new IncidentLog('inc-9', { now: T0, title: 'x' })
        let state = replay(log.events)!
        drafts.forEach((d, i) => {
          log.record(d, T0 + i)
          // The repository's way: fold each new event into the stored state.
          state = applyEvent(state, log.events.at(-1)!)
        })
        const shuffled = fc.sample(
          fc.shuffledSubarray(log.events, { minLength: log.events.length }),
          { seed, numRuns: 1 },
        )[0]!
        expect(replay(shuffled)).toEqual(state)
      }),
    )
  })
})

describe('openIncidentDrafts', () => {
  it('opens with the start and detection times given, defaulting to now', () => {
    const log = new IncidentLog('inc-2', { now: T0, title: 'DB down', startedAt: T0 - HOUR })
    expect(log.incident).toMatchObject({ openedAt: T0, startedAt: T0 - HOUR, detectedAt: T0 })
    expect(openIncidentDrafts({ now: T0 }).map((d) => d.kind)).toEqual([
      'incident-opened',
      'impact-started',
      'detected',
    ])
  })
})
