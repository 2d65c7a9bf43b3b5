/**
 * An incident as a Yjs document, for a team sharing incidents through a Hocuspocus server. Its
 * timeline events are an append-only Y.Array of immutable records with unique ids, which never
 * conflicts: two people logging at once both land, and the incident is a projection of the
 * events, the same on every machine whatever order they arrived in. The post-mortem is a
 * Y.XmlFragment, bound to the editor by Tiptap's Collaboration extension.
 *
 * Events are replayed in the order they were recorded (see byRecording): their `at` can be
 * backdated (impact started an hour before it was logged), so the time something happened is
 * not the order to fold it in. Two severity changes made at once both stay on the timeline, and
 * the one recorded later is the incident's severity.
 */
import * as Y from 'yjs'
import { replay, timelineEventSchema, type TimelineEvent } from '../domain/events'
import type { Incident } from '../domain/model'

/** One document per incident, and one small index of incidents for the list. */
export const incidentDocName = (incidentId: string): string => `incident:${incidentId}`
export const INDEX_DOC = 'index'
export const DOC_NAME = /^(?:incident:[\w-]{1,64}|index)$/

const EVENTS = 'events'
export const POSTMORTEM_FIELD = 'postmortem'

export const eventsOf = (doc: Y.Doc): Y.Array<unknown> => doc.getArray(EVENTS)
export const postmortemOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(POSTMORTEM_FIELD)

/** Adds the events the document does not have yet (by id), in one transaction. */
export function appendEvents(
  doc: Y.Doc,
  events: readonly TimelineEvent[],
  origin?: unknown,
): number {
  const array = eventsOf(doc)
  const known = new Set(
    array.toArray().map((e) => (e && typeof e === 'object' ? (e as { id?: unknown }).id : null)),
  )
  const fresh = events.filter((e) => !known.has(e.id))
  if (fresh.length) doc.transact(() => array.push(fresh.map((e) => ({ ...e }))), origin)
  return fresh.length
}

/**
 * The replay order every machine agrees on: when recorded, then the number its own machine gave
 * it (events written together share a moment, and their order matters: an incident is opened
 * before its impact starts), then by id.
 */
export const byRecording = (a: TimelineEvent, b: TimelineEvent): number =>
  a.recordedAt - b.recordedAt || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The incident's events, checked against the app's schemas (anything else is left out and
 * counted), without repeats, in replay order and numbered 1… in that order.
 */
export function readEvents(
  doc: Y.Doc,
  incidentId: string,
): { events: TimelineEvent[]; refused: number } {
  const seen = new Set<string>()
  const events: TimelineEvent[] = []
  let refused = 0
  for (const raw of eventsOf(doc).toArray()) {
    const parsed = timelineEventSchema.safeParse(raw)
    if (!parsed.success || parsed.data.incidentId !== incidentId) {
      refused++
      continue
    }
    if (seen.has(parsed.data.id)) continue
    seen.add(parsed.data.id)
    events.push(parsed.data)
  }
  events.sort(byRecording)
  // The opening comes first whatever the clocks said: a teammate's clock a few minutes behind
  // must not put their first note before the incident exists.
  const opening = events.findIndex((e) => e.kind === 'incident-opened')
  if (opening > 0) events.unshift(...events.splice(opening, 1))
  return { events: events.map((e, i) => ({ ...e, seq: i + 1 })), refused }
}

/** The incident the events describe (null before it was opened). */
export function projectIncident(doc: Y.Doc, incidentId: string): Incident | null {
  return replay(readEvents(doc, incidentId).events)
}

/**
 * Why an update must not be applied to an incident's document, or null when it may: it must
 * decode, may only add events (never remove or change one), and each event it adds must be a
 * valid event of this incident. Checked on a copy, so the document itself is never touched.
 */
export function updateProblem(doc: Y.Doc, update: Uint8Array, incidentId: string): string | null {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = eventsOf(copy).toArray()
  try {
    Y.applyUpdate(copy, update)
  } catch {
    return 'the update does not decode'
  }
  const after = eventsOf(copy).toArray()
  // Yjs keeps an array's JSON values as they were inserted: a value still there is the same object.
  const kept = new Set(after)
  if (before.some((raw) => !kept.has(raw))) return 'an update removed or changed a recorded event'
  const had = new Set(before)
  for (const raw of after) {
    if (had.has(raw)) continue
    const parsed = timelineEventSchema.safeParse(raw)
    if (!parsed.success) return 'an event is not a valid timeline event'
    if (parsed.data.incidentId !== incidentId) return 'an event belongs to another incident'
  }
  return null
}

const INDEX_MAPS: Record<string, { key: RegExp; most: number }> = {
  /** incident id → when it last changed */
  incidents: { key: /^[\w-]{1,64}$/, most: 1_000_000 },
  /** a teammate's name → when they last started Steady in the team */
  people: { key: /^[^\n]{1,200}$/, most: 10_000 },
}

/**
 * Why an update must not be applied to the index document, or null when it may: it must decode,
 * and leave the index holding nothing but its two maps, of names the app makes to times.
 */
export function indexProblem(doc: Y.Doc, update: Uint8Array): string | null {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  try {
    Y.applyUpdate(copy, update)
  } catch {
    return 'the update does not decode'
  }
  for (const name of copy.share.keys()) {
    const rule = INDEX_MAPS[name]
    if (!rule) return `the index has no ${JSON.stringify(name.slice(0, 40))}`
    let map: Y.Map<unknown>
    try {
      map = copy.getMap(name)
    } catch {
      return `the index's ${name} is not a map`
    }
    if (map.size > rule.most) return `the index's ${name} is too large`
    for (const [key, value] of map)
      if (!rule.key.test(key) || typeof value !== 'number' || !Number.isFinite(value))
        return `the index's ${name} holds something it should not`
  }
  return null
}
