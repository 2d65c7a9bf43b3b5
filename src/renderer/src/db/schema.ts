/**
 * Every schema version Steady has shipped, oldest first. Never edit or remove a shipped version:
 * add a new one with its date, its reason and (when data must change shape) an upgrade function
 * that returns its promise. The migration harness (migrations.test.ts) opens each older version's
 * fixture with the current code and checks nothing was lost.
 */
import { notesFromEvents } from '@shared/domain/events'
import type { ActionItem, Incident } from '@shared/domain/model'
import { summarize, summarizeWith, type IncidentSummary } from '@shared/domain/summary'
import type { Transaction } from 'dexie'

export interface SchemaVersion {
  version: number
  /** When and why: the reader of a migration needs both. */
  date: string
  reason: string
  stores: Record<string, string | null>
  upgrade?: (tx: Transaction) => Promise<unknown>
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    date: '2026-11-26',
    reason:
      'First schema. Incidents are indexed for the list (phase, severity, status, last update); ' +
      'events for the timeline (by incident and recording order, and by incident and time).',
    stores: {
      incidents: 'id, phase, severity, status, updatedAt, [status+updatedAt]',
      events: 'id, incidentId, [incidentId+seq], [incidentId+at]',
      actionItems: 'id, incidentId, status, dueAt, [status+dueAt]',
      settings: 'key',
    },
  },
  {
    version: 2,
    date: '2026-11-26',
    reason:
      'Post-mortem documents get their own table: they are large, saved often while typing, and ' +
      'not part of the state replayed from events. No existing data changes shape.',
    stores: { postmortems: 'incidentId, updatedAt' },
  },
  {
    version: 3,
    date: '2026-11-26',
    reason:
      'The incidents list shows its first rows before reading every incident: active incidents ' +
      'are read by severity and recency through a new index. The index is built from the ' +
      'existing records; no data changes shape.',
    stores: {
      incidents:
        'id, phase, severity, status, updatedAt, [status+updatedAt], [status+severity+updatedAt]',
    },
  },
  {
    version: 4,
    date: '2026-11-27',
    reason:
      'Every logged fact can be edited and deleted, and whole incidents go to a trash: notes carry ' +
      'the id of the event that added them (so an edit finds its note), and incidents gain the ' +
      'monitoring result and the trash fields. Notes are rebuilt from the note events; no index ' +
      'changes.',
    stores: {},
    upgrade: upgradeToV4,
  },
  {
    version: 5,
    date: '2026-11-27',
    reason:
      'Team sync: each shared incident keeps its Yjs document state (its events and its ' +
      "collaborative post-mortem) so edits merge with teammates' after a restart. A new table; " +
      'no existing data changes shape.',
    stores: { ydocs: 'name' },
  },
  {
    version: 6,
    date: '2026-11-27',
    reason:
      'Years of history in little memory: the incidents list and Metrics read a small summary of ' +
      'each incident (title, status, phase, severity, times, services, tags, factors) instead of ' +
      'the whole record. A new table, filled from the existing incidents and kept beside them by ' +
      'a middleware (summaries.ts); no existing data changes shape.',
    stores: { summaries: 'id' },
    upgrade: upgradeToV6,
  },
  {
    version: 7,
    date: '2026-11-27',
    reason:
      "Counting action items without reading them: each summary carries its incident's items " +
      'as the two-week rule counts them (how many, done, done on time, when each open one was ' +
      'written down), kept by the same middleware; Metrics and the action items page read those ' +
      'instead of every item. Each summary also carries what the reminder engine needs (phase ' +
      'times, the fix, reminder marks of open incidents), so it reads no whole incident. And a ' +
      'new index finds the open incidents that started near a time (the duplicate warning on ' +
      'Capture) without reading every open incident.',
    stores: {
      incidents:
        'id, phase, severity, status, updatedAt, [status+updatedAt], [status+severity+updatedAt], ' +
        '[status+startedAt]',
    },
    upgrade: upgradeToV7,
  },
  {
    version: 8,
    date: '2026-11-27',
    reason:
      'The reminder engine reads the summaries of the incidents that can still have a reminder ' +
      '(active and resolved) through a status index, two reads in all; at 100,000 incidents it ' +
      'fetched each of 15,000 by its key, and the storage was busy for seconds at each reload. ' +
      'No data changes shape.',
    stores: { summaries: 'id, status' },
  },
  {
    version: 9,
    date: '2026-11-28',
    reason:
      'The reminder center reads the summaries of active and resolved incidents a slice at a ' +
      'time, by status and id: one read of 10,000 held the page for 120 ms, and a snooze waited ' +
      'behind it. A compound index; no data changes shape.',
    stores: { summaries: 'id, status, [status+id]' },
  },
  {
    version: 10,
    date: '2026-11-28',
    reason:
      "Metrics opens from a saved table of every incident's facts instead of reading 100,000 " +
      'summaries (seconds): each summary written gets a revision number (summaryRevs, by id and ' +
      'by revision) so what changed since the table was saved is one indexed read; caches holds ' +
      'the counter and the saved table. No data changes shape.',
    stores: { summaryRevs: 'id, rev', caches: 'key' },
  },
  {
    version: 11,
    date: '2026-11-28',
    reason:
      "The review report reads its period's summaries through an index on when impact started " +
      "(a year's incidents at 100,000 are a quarter of them, spread over every key). No data " +
      'changes shape.',
    stores: { summaries: 'id, status, [status+id], startedAt' },
  },
  {
    version: 12,
    date: '2026-11-29',
    reason:
      "Team sync in bounded memory: an incident's shared document is joined only to bring it in " +
      'step, then left, and each left in step gets a mark (what the team index said, when the ' +
      'incident last changed here) so a restart joins only what changed since, not every ' +
      'incident (at 100,000 incidents that was a gigabyte of documents). A new table; no data ' +
      'changes shape.',
    stores: { syncMarks: 'id' },
  },
]

async function upgradeToV4(tx: Transaction): Promise<void> {
  // Only the note events are kept in memory: years of history are hundreds of thousands of events.
  const notes = notesFromEvents(
    await tx
      .table('events')
      .filter((e: { kind: string }) => e.kind === 'note')
      .toArray(),
  )
  await tx
    .table('incidents')
    .toCollection()
    .modify((incident: Record<string, unknown>) => {
      incident['notes'] = notes.get(incident['id'] as string) ?? []
      incident['monitoringResult'] = null
      incident['deletedAt'] = null
      incident['statusBeforeDelete'] = null
    })
}

async function upgradeToV6(tx: Transaction): Promise<void> {
  const summaries: IncidentSummary[] = []
  await tx.table('incidents').each((incident: Incident) => summaries.push(summarize(incident)))
  await tx.table('summaries').bulkPut(summaries)
}

async function upgradeToV7(tx: Transaction): Promise<void> {
  // What the digest needs of each item, by incident: two numbers, not the item.
  const byIncident = new Map<string, Pick<ActionItem, 'createdAt' | 'doneAt'>[]>()
  await tx.table('actionItems').each((item: ActionItem) => {
    const list = byIncident.get(item.incidentId) ?? []
    list.push({ createdAt: item.createdAt, doneAt: item.doneAt })
    byIncident.set(item.incidentId, list)
  })
  // Every summary written again: with the digest, and with what the reminder engine reads.
  const summaries: IncidentSummary[] = []
  await tx
    .table('incidents')
    .each((incident: Incident) =>
      summaries.push(summarizeWith(incident, byIncident.get(incident.id) ?? [])),
    )
  await tx.table('summaries').bulkPut(summaries)
}

export const CURRENT_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 1
