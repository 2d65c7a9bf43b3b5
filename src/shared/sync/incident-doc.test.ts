import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { stampEvents, type EventDraft, type TimelineEvent } from '../domain/events'
import { IncidentLog, T0 } from '../domain/test-helpers'
import { MINUTE } from '../domain/time'
import {
  appendEvents,
  indexProblem,
  projectIncident,
  readEvents,
  updateProblem,
} from './incident-doc'

/** Events recorded on one machine (its own ids and numbering), at `recordedAt`. */
function recorded(machine: string, drafts: EventDraft[], recordedAt: number): TimelineEvent[] {
  let n = 0
  return stampEvents(drafts, {
    incidentId: 'inc-1',
    lastSeq: 100,
    recordedAt,
    newId: () => `${machine}-${recordedAt}-${++n}`,
  })
}

/** Two replicas that exchange everything (as a server would relay it). */
function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('an incident as a shared document', () => {
  const opened = new IncidentLog('inc-1', { now: T0, title: 'Checkout 502' }).events

  it('keeps both people’s events whatever the order they arrive in; the later severity wins', () => {
    const ana = new Y.Doc()
    const ben = new Y.Doc()
    appendEvents(ana, opened)
    sync(ana, ben)
    // Both offline: Ana logs a mitigation and sets SEV2; Ben sets SEV1 a minute later.
    appendEvents(
      ana,
      recorded(
        'ana',
        [
          { kind: 'severity-changed', at: T0 + MINUTE, payload: { from: null, to: 'SEV2' } },
          { kind: 'note', at: T0 + MINUTE, payload: { text: 'Rolled back' } },
        ],
        T0 + MINUTE,
      ),
    )
    appendEvents(
      ben,
      recorded(
        'ben',
        [{ kind: 'severity-changed', at: T0 + 2 * MINUTE, payload: { from: null, to: 'SEV1' } }],
        T0 + 2 * MINUTE,
      ),
    )
    sync(ben, ana)
    for (const doc of [ana, ben]) {
      const incident = projectIncident(doc, 'inc-1')
      expect(incident?.severity).toBe('SEV1')
      expect(incident?.notes.map((n) => n.text)).toEqual(['Rolled back'])
      const { events } = readEvents(doc, 'inc-1')
      expect(events.filter((e) => e.kind === 'severity-changed')).toHaveLength(2)
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    }
    expect(readEvents(ana, 'inc-1')).toEqual(readEvents(ben, 'inc-1'))
  })

  it('replays events written together in the order they were written, whatever their ids', () => {
    const ids = ['z', 'y', 'x']
    const doc = new Y.Doc()
    appendEvents(
      doc,
      stampEvents(new IncidentLog().events, {
        incidentId: 'inc-1',
        lastSeq: 0,
        recordedAt: T0,
        newId: () => ids.shift() ?? 'w',
      }),
    )
    expect(readEvents(doc, 'inc-1').events.map((e) => e.kind)).toEqual([
      'incident-opened',
      'impact-started',
      'detected',
    ])
    expect(projectIncident(doc, 'inc-1')?.title).toBe('Checkout returns 502')
  })

  it('opens the incident first even when a teammate’s clock is behind', () => {
    const doc = new Y.Doc()
    appendEvents(doc, opened)
    appendEvents(
      doc,
      recorded(
        'slow-clock',
        [{ kind: 'note', at: T0 - 60_000, payload: { text: 'First look' } }],
        T0 - 300_000,
      ),
    )
    expect(readEvents(doc, 'inc-1').events[0]?.kind).toBe('incident-opened')
    expect(projectIncident(doc, 'inc-1')?.notes.map((n) => n.text)).toEqual(['First look'])
  })

  it('adds an event once, however often it is sent', () => {
    const doc = new Y.Doc()
    expect(appendEvents(doc, opened)).toBe(opened.length)
    expect(appendEvents(doc, opened)).toBe(0)
    expect(readEvents(doc, 'inc-1').events).toHaveLength(opened.length)
  })

  it('accepts an update that adds valid events, and refuses one that removes, forges or breaks them', () => {
    const server = new Y.Doc()
    appendEvents(server, opened)
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const delta = (change: (doc: Y.Doc) => void) => {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(client))
      const vector = Y.encodeStateVector(copy)
      change(copy)
      return Y.encodeStateAsUpdate(copy, vector)
    }
    const note = recorded('ana', [{ kind: 'note', at: T0, payload: { text: 'ok' } }], T0 + 1)
    expect(
      updateProblem(
        server,
        delta((d) => appendEvents(d, note)),
        'inc-1',
      ),
    ).toBeNull()
    expect(
      updateProblem(
        server,
        delta((d) => d.getArray('events').delete(0, 1)),
        'inc-1',
      ),
    ).toMatch(/removed/)
    expect(
      updateProblem(
        server,
        delta((d) => d.getArray('events').push([{ kind: 'note', id: 'x' }])),
        'inc-1',
      ),
    ).toMatch(/not a valid/)
    const foreign = note.map((e) => ({ ...e, id: 'other', incidentId: 'inc-2' }))
    expect(
      updateProblem(
        server,
        delta((d) => appendEvents(d, foreign)),
        'inc-1',
      ),
    ).toMatch(/another incident/)
    expect(updateProblem(server, new Uint8Array([1, 2, 3, 255]), 'inc-1')).toMatch(/decode/)
    // The server's own document was never touched.
    expect(readEvents(server, 'inc-1').events).toHaveLength(opened.length)
  })

  it('leaves out what is not an event of this incident when projecting', () => {
    const doc = new Y.Doc()
    appendEvents(doc, opened)
    doc.getArray('events').push([{ nonsense: true }])
    expect(readEvents(doc, 'inc-1').refused).toBe(1)
    expect(projectIncident(doc, 'inc-1')?.title).toBe('Checkout 502')
  })
})

describe('the index document', () => {
  /** What a client's change to the index would send: the update `change` makes to a copy. */
  const updateFrom = (index: Y.Doc, change: (copy: Y.Doc) => void) => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(index))
    const before = Y.encodeStateVector(copy)
    change(copy)
    return Y.encodeStateAsUpdate(copy, before)
  }

  it('takes incidents and people with their times, and refuses anything else', () => {
    const index = new Y.Doc()
    index.getMap('incidents').set('inc-1', T0)
    const ok = updateFrom(index, (d) => {
      d.getMap('incidents').set('inc-2', T0 + MINUTE)
      d.getMap('people').set('Ana', T0)
    })
    expect(indexProblem(index, ok)).toBeNull()
    expect(
      indexProblem(
        index,
        updateFrom(index, (d) => d.getArray('evil').push([1])),
      ),
    ).toMatch(/has no "evil"/)
    expect(
      indexProblem(
        index,
        updateFrom(index, (d) => d.getMap('incidents').set('inc-3', 'x')),
      ),
    ).toMatch(/holds something/)
    expect(
      indexProblem(
        index,
        updateFrom(index, (d) => d.getMap('incidents').set('i'.repeat(65), T0)),
      ),
    ).toMatch(/holds something/)
    expect(
      indexProblem(
        index,
        updateFrom(index, (d) => d.getMap('people').set('n'.repeat(200), T0)),
      ),
    ).toBeNull()
    expect(indexProblem(index, new Uint8Array([1, 2, 3]))).toMatch(/does not decode/)
  })
})
