import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyEvent,
  openIncidentDrafts,
  replay,
  withCorrectedTimes,
  type EventDraft,
} from './events'
import { PHASES, SEVERITIES } from './model'
import { IncidentLog, T0 } from './test-helpers'
import { orderTimeline, spansDays, storyEntries, timelineEntries } from './timeline'
import { DAY, HOUR, MINUTE } from './time'

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

const untested = (id: string, statement: string) => ({
  id,
  statement,
  howToTest: '',
  result: 'untested' as const,
  evidence: '',
})
const texts = (log: IncidentLog) => storyEntries(log.events).map((e) => e.text)
const eventOf = (log: IncidentLog, kind: string) => log.events.find((e) => e.kind === kind)!

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
    const story = storyEntries(log.events)
    expect(story.map((e) => e.text)).toEqual(['Deploy 4182 went out', 'Impact started', 'Detected'])
    expect(story[0]?.event.recordedAt).toBe(T0 + MINUTE)
  })

  it('keeps bookkeeping (opening, phase moves, reminders) out of the story, not out of the record', () => {
    const log = new IncidentLog()
    log.record([
      { kind: 'phase-changed', at: T0 + MINUTE, payload: { from: 'capture', to: 'triage' } },
      {
        kind: 'reminder-fired',
        at: T0 + 2 * MINUTE,
        payload: { reminderId: 'r', title: 'Triage' },
      },
      { kind: 'severity-changed', at: T0 + 3 * MINUTE, payload: { from: null, to: 'SEV2' } },
      { kind: 'details-edited', at: T0, payload: { changes: { symptoms: '502s' } } },
    ])
    expect(texts(log)).toEqual(['Impact started', 'Detected', 'Severity SEV2'])
    const all = timelineEntries(log.events).map((e) => e.event.kind)
    expect(all).toContain('phase-changed')
    expect(all).toContain('incident-opened')
    // Field edits are history for replay, never an entry.
    expect(all).not.toContain('details-edited')
    expect(log.incident.symptoms).toBe('502s')
  })

  it('a starred bookkeeping entry joins the story; a hidden key entry leaves it', () => {
    const log = new IncidentLog()
    log.record({
      kind: 'phase-changed',
      at: T0 + MINUTE,
      payload: { from: 'capture', to: 'triage' },
    })
    const move = eventOf(log, 'phase-changed')
    const detected = eventOf(log, 'detected')
    log.record([
      { kind: 'entry-marked', at: T0 + 2 * MINUTE, payload: { eventId: move.id, mark: 'starred' } },
      {
        kind: 'entry-marked',
        at: T0 + 2 * MINUTE,
        payload: { eventId: detected.id, mark: 'hidden' },
      },
    ])
    expect(texts(log)).toEqual(['Impact started', 'Moved to Triage'])
    log.record({
      kind: 'entry-marked',
      at: T0 + 3 * MINUTE,
      payload: { eventId: move.id, mark: 'auto' },
    })
    expect(texts(log)).toEqual(['Impact started'])
  })

  it('one hypothesis tested is one line that names it, with its evidence', () => {
    const log = new IncidentLog()
    const hypothesis = untested('h1', 'Pool exhausted')
    log.record([
      { kind: 'hypothesis-added', at: T0 + MINUTE, payload: { hypothesis } },
      {
        kind: 'hypothesis-tested',
        at: T0 + 5 * MINUTE,
        payload: { hypothesisId: 'h1', result: 'confirmed', evidence: 'x' },
      },
      {
        kind: 'hypothesis-tested',
        at: T0 + 9 * MINUTE,
        payload: { hypothesisId: 'h1', result: 'ruled-out', evidence: 'pool at 20%' },
      },
    ])
    expect(texts(log)).toEqual([
      'Impact started',
      'Detected',
      'Ruled out: Pool exhausted — pool at 20%',
    ])
  })

  it('evidence edited after a result shows in its line, which keeps the time it was found', () => {
    const log = new IncidentLog()
    const hypothesis = untested('h1', 'DNS')
    log.record([
      { kind: 'hypothesis-added', at: T0 + MINUTE, payload: { hypothesis } },
      {
        kind: 'hypothesis-tested',
        at: T0 + 5 * MINUTE,
        payload: { hypothesisId: 'h1', result: 'ruled-out', evidence: 'dig' },
      },
      {
        kind: 'hypothesis-edited',
        at: T0 + HOUR,
        payload: { hypothesisId: 'h1', changes: { evidence: 'dig +trace resolves' } },
      },
    ])
    const line = storyEntries(log.events).find((e) => e.event.kind === 'hypothesis-tested')!
    expect(line.text).toBe('Ruled out: DNS — dig +trace resolves')
    expect(line.event.at).toBe(T0 + 5 * MINUTE)
    expect(log.incident.hypotheses[0]?.evidence).toBe('dig +trace resolves')
  })

  it('shows the latest text of an edited note and an edited attempt, with their history', () => {
    const log = new IncidentLog()
    const mitigation = {
      id: 'm1',
      at: T0 + MINUTE,
      action: 'Roll back',
      expected: '',
      observed: '',
      outcome: null,
    }
    log.record([
      { kind: 'note', at: T0 + MINUTE, payload: { text: 'Deploy went out' } },
      { kind: 'mitigation-action', at: T0 + 2 * MINUTE, payload: { mitigation } },
    ])
    const note = eventOf(log, 'note')
    log.record([
      {
        kind: 'note-edited',
        at: T0 + 10 * MINUTE,
        payload: { eventId: note.id, text: 'Deploy 4182 went out' },
      },
      {
        kind: 'mitigation-edited',
        at: T0 + 10 * MINUTE,
        payload: { mitigationId: 'm1', changes: { outcome: 'failed', observed: 'still 502' } },
      },
    ])
    const entries = storyEntries(log.events)
    expect(entries.map((e) => e.text)).toContain('Deploy 4182 went out')
    expect(entries.map((e) => e.text)).toContain('Mitigation: Roll back — failed')
    expect(entries.find((e) => e.event.id === note.id)?.history.map((h) => h.kind)).toEqual([
      'note-edited',
    ])
    expect(log.incident.notes).toEqual([{ id: note.id, text: 'Deploy 4182 went out' }])
    expect(log.incident.mitigations[0]).toMatchObject({ outcome: 'failed', observed: 'still 502' })
  })

  it('a deleted note, attempt or hypothesis leaves the story and the incident, its history stays', () => {
    const log = new IncidentLog()
    const hypothesis = untested('h1', 'DNS')
    const mitigation = {
      id: 'm1',
      at: T0,
      action: 'Restart',
      expected: '',
      observed: '',
      outcome: null,
    }
    log.record([
      { kind: 'note', at: T0 + MINUTE, payload: { text: 'typo' } },
      { kind: 'mitigation-action', at: T0 + 2 * MINUTE, payload: { mitigation } },
      { kind: 'hypothesis-added', at: T0 + 3 * MINUTE, payload: { hypothesis } },
      {
        kind: 'hypothesis-tested',
        at: T0 + 4 * MINUTE,
        payload: { hypothesisId: 'h1', result: 'ruled-out', evidence: '' },
      },
    ])
    const [note, attempt, added] = ['note', 'mitigation-action', 'hypothesis-added'].map((k) =>
      eventOf(log, k),
    )
    log.record([
      {
        kind: 'entry-deleted',
        at: T0 + 9 * MINUTE,
        payload: { eventId: note!.id, itemId: note!.id },
      },
      {
        kind: 'entry-deleted',
        at: T0 + 9 * MINUTE,
        payload: { eventId: attempt!.id, itemId: 'm1' },
      },
      { kind: 'entry-deleted', at: T0 + 9 * MINUTE, payload: { eventId: added!.id, itemId: 'h1' } },
    ])
    expect(texts(log)).toEqual(['Impact started', 'Detected'])
    expect(log.incident).toMatchObject({ notes: [], mitigations: [], hypotheses: [] })
    expect(timelineEntries(log.events).filter((e) => e.deleted)).toHaveLength(4)
  })

  it('a corrected entry moves to its new time and remembers where it was', () => {
    const log = new IncidentLog()
    const detected = eventOf(log, 'detected')
    log.record({
      kind: 'time-corrected',
      at: T0 + MINUTE,
      payload: { eventId: detected.id, from: T0, to: T0 - 2 * HOUR },
    })
    log.record({
      kind: 'time-corrected',
      at: T0 + 2 * MINUTE,
      payload: { eventId: detected.id, from: T0 - 2 * HOUR, to: T0 - HOUR },
    })
    const entry = storyEntries(log.events).find((e) => e.event.id === detected.id)!
    expect(entry.event.at).toBe(T0 - HOUR)
    expect(entry.correctedFrom).toEqual([T0, T0 - 2 * HOUR])
    expect(texts(log)).toEqual(['Detected', 'Impact started'])
    expect(log.incident.detectedAt).toBe(T0 - HOUR)
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

describe('corrections', () => {
  it('replay to the same incident whatever order the events arrive in; the latest one wins', () => {
    fc.assert(
      fc.property(
        fc.array(draftArb, { maxLength: 25 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: T0 - 3 * DAY, max: T0 + DAY })), {
          maxLength: 12,
        }),
        fc.integer(),
        (drafts, corrections, seed) => {
          const log = new IncidentLog('inc-c', { now: T0, title: 'x' })
          drafts.forEach((d, i) => log.record(d, T0 + i))
          const correctable = log.events.filter(
            (e) => e.kind !== 'phase-changed' && e.kind !== 'incident-opened',
          )
          const latest = new Map<string, number>()
          for (const [pick, to] of corrections) {
            const target = correctable[pick % correctable.length]!
            const from = latest.get(target.id) ?? target.at
            log.record({
              kind: 'time-corrected',
              at: T0 + DAY,
              payload: { eventId: target.id, from, to },
            })
            latest.set(target.id, to)
          }
          const expected = replay(log.events)!
          // The store's way: each event carries its corrected time in place.
          expect(replay(withCorrectedTimes(log.events))).toEqual(expected)
          const shuffled = fc.sample(
            fc.shuffledSubarray(log.events, { minLength: log.events.length }),
            { seed, numRuns: 1 },
          )[0]!
          expect(replay(shuffled)).toEqual(expected)
          // The start of impact (its latest event) is where its last correction put it.
          const start = log.events.filter((e) => e.kind === 'impact-started').at(-1)!
          expect(expected.startedAt).toBe(latest.get(start.id) ?? start.at)
          // And the timeline shows every corrected entry at its last time.
          for (const entry of timelineEntries(log.events))
            expect(entry.event.at).toBe(latest.get(entry.event.id) ?? entry.event.at)
        },
      ),
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

describe('in a team', () => {
  it('says who wrote each entry down', () => {
    const log = new IncidentLog()
    log.record({ kind: 'note', at: T0 + 60_000, payload: { text: 'Rolled back' } })
    const events = log.events.map((e) => (e.kind === 'note' ? { ...e, by: 'Ana' } : e))
    const note = timelineEntries(events).find((entry) => entry.event.kind === 'note')
    expect(note?.text).toBe('Rolled back — Ana')
  })
})
