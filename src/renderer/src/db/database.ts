/**
 * The one Dexie database: the app's single source of truth. Components read it through live
 * queries or repositories; writes go through the repositories, which append each change's timeline
 * event in the same transaction as the change.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { TimelineEvent } from '@shared/domain/events'
import type { ActionItem, Incident, Settings } from '@shared/domain/model'
import type { PostmortemDoc } from '@shared/domain/postmortem'
import type { IncidentSummary } from '@shared/domain/summary'
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema'
import { summariesMiddleware } from './summaries'

export const DB_NAME = 'steady'

/** A post-mortem document as Tiptap JSON, one per incident. */
export interface PostmortemRow {
  incidentId: string
  doc: PostmortemDoc
  updatedAt: number
}

/** A shared document's Yjs state (team sync), by document name. */
export interface YDocRow {
  name: string
  state: Uint8Array
  updatedAt: number
}

/**
 * An incident whose shared document was left in step (team sync): the team index's value for it
 * then, and the incident as it stood here (when it last changed, and its number of events). Deleted whenever the document's state is
 * saved again; while both still match, the document need not be joined to be in step.
 */
export interface SyncMarkRow {
  id: string
  listed: number | undefined
  local: string | undefined
}

export interface SettingsRow {
  key: 'settings'
  value: Settings
}

export class SteadyDb extends Dexie {
  incidents!: EntityTable<Incident, 'id'>
  events!: EntityTable<TimelineEvent, 'id'>
  actionItems!: EntityTable<ActionItem, 'id'>
  settings!: EntityTable<SettingsRow, 'key'>
  postmortems!: EntityTable<PostmortemRow, 'incidentId'>
  ydocs!: EntityTable<YDocRow, 'name'>
  /** Incidents whose shared document was left in step (team sync: team-sync.ts). */
  syncMarks!: EntityTable<SyncMarkRow, 'id'>
  /** What the list and Metrics read: one small summary per incident, kept by summariesMiddleware. */
  summaries!: EntityTable<IncidentSummary, 'id'>
  /** Each summary's last revision (summaries.ts; what changed since: summary-revisions.ts). */
  summaryRevs!: EntityTable<{ id: string; rev: number }, 'id'>
  /** What is kept to open faster (Metrics' table) and the summaries' revision counter. */
  caches!: EntityTable<{ key: string }, 'key'>

  constructor(name = DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    // Strict durability: a write is on disk before its promise resolves and the UI says "saved".
    super(name, { chromeTransactionDurability: 'strict' })
    for (const v of versions) {
      const version = this.version(v.version).stores(v.stores)
      if (v.upgrade) version.upgrade(v.upgrade)
    }
    this.use(summariesMiddleware)
  }
}
