/**
 * The team's sync, for this app: one WebSocket to the server, an index document that lists the
 * team's incidents, and one document per incident bridged to the local database (see
 * incident-bridge.ts). Incidents in progress are joined first, the rest in small batches in the
 * background. Everything keeps working offline: the documents take changes and send them when the
 * server is back; the status says how things stand.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { INDEX_DOC, incidentDocName } from '@shared/sync/incident-doc'
import * as Y from 'yjs'
import type { Incident } from '@shared/domain/model'
import type { SteadyDb } from '../db/database'
import { pagesOf } from '../db/pages'
import type { EventStore } from '../db/event-store'
import { IncidentBridge } from './incident-bridge'
import { SharedWrites } from './shared-writes'
import type { TeamConfig } from './team-config'

/** An incident's shared document, who is in it, and the name this machine shows them. */
export interface SharedDocument {
  doc: Y.Doc
  awareness: HocuspocusProvider['awareness']
  name: string
}

export interface SyncStatus {
  state: 'synced' | 'syncing' | 'offline'
  /** When the connection was lost (offline only). */
  since: number | null
  /** Incidents with changes the server has not confirmed yet. */
  waiting: number
  /** Why the server refused us, if it did. */
  refused: string | null
  /** Teammates' events this app could not read (a newer Steady's, or damaged): left out. */
  unreadable: number
}

const BATCH = 25

export class TeamSync {
  private readonly socket: HocuspocusProviderWebsocket
  private readonly index = new Y.Doc()
  private readonly indexProvider: HocuspocusProvider
  private readonly joined = new Map<
    string,
    { bridge: IncidentBridge; provider: HocuspocusProvider }
  >()
  private status: SyncStatus = {
    state: 'syncing',
    since: null,
    waiting: 0,
    refused: null,
    unreadable: 0,
  }
  private readonly listeners = new Set<(status: SyncStatus) => void>()
  private stopped = false
  /** Every bridge's database writes, gathered (see SharedWrites). */
  private readonly writes: SharedWrites
  private stopWatching = () => undefined as unknown

  constructor(
    private readonly db: SteadyDb,
    private readonly config: TeamConfig,
    /** The event store this app writes through: each committed write is sent on. */
    private readonly store: Pick<EventStore, 'onWritten'>,
    webSocket?: unknown,
  ) {
    this.writes = new SharedWrites(db)
    this.socket = new HocuspocusProviderWebsocket({
      url: config.url,
      ...(webSocket ? { WebSocketPolyfill: webSocket } : {}),
    })
    this.socket.on('status', ({ status }: { status: string }) =>
      this.update(
        status === 'connected'
          ? { state: 'syncing', since: null }
          : status === 'disconnected'
            ? { state: 'offline', since: this.status.since ?? Date.now() }
            : {},
      ),
    )
    this.indexProvider = this.provider(INDEX_DOC, this.index)
    // Only what a change listed is joined (not a scan of every incident at each write).
    this.incidentsMap().observe((event) => void this.joinAll([...event.keysChanged]))
  }

  /** The team's people: name → when they last started Steady in the team. */
  private peopleMap(): Y.Map<number> {
    return this.index.getMap('people')
  }

  /** The names of the team's people (for action item owners), as they change. */
  onPeople(listener: (names: string[]) => void): () => void {
    const tell = () =>
      listener(
        [...this.peopleMap().keys()]
          .filter((name) => name.trim() && name.length <= 200)
          .slice(0, 500)
          .sort((a, b) => a.localeCompare(b)),
      )
    this.peopleMap().observe(tell)
    tell()
    return () => this.peopleMap().unobserve(tell)
  }

  /** The team's incidents: id → when it last changed. */
  private incidentsMap(): Y.Map<number> {
    return this.index.getMap('incidents')
  }

  private provider(name: string, document: Y.Doc): HocuspocusProvider {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document,
      token: this.config.secret,
      onAuthenticationFailed: ({ reason }) => this.update({ refused: reason || 'refused' }),
      onSynced: () => this.recount(),
      onUnsyncedChanges: () => this.recount(),
    })
    // Nobody is shown in a document until its editor is open (collaboration-cursors.ts): a
    // thousand documents must not each tell the server every 15 seconds that we are here.
    provider.awareness?.setLocalState(null)
    provider.attach()
    return provider
  }

  async start(): Promise<void> {
    this.peopleMap().set(this.config.name, Date.now())
    this.stopWatching = this.store.onWritten((id, events) => {
      const joined = this.joined.get(id)
      if (joined) joined.bridge.push(events)
      else void this.join(id) // a new incident: its bridge sends everything it has
      this.incidentsMap().set(id, Math.max(...events.map((e) => e.recordedAt)))
    })
    await this.shareLocal()
  }

  /**
   * Local incidents join the index and are joined, the ones in progress first; incidents already
   * joined whose record changed without the event store (an import) send what they lack. At
   * start, and after an import.
   */
  async shareLocal(): Promise<void> {
    // Counted as one to join until the local list is read: not "synced" before it is shared.
    this.toJoin++
    // What each incident is (read a page at a time, and only that much kept): all that is needed
    // of years of history, where the whole records at once would be hundreds of megabytes. The
    // records, not their summaries: a history written from outside the app is summarized a moment
    // after start, and would not be shared until the next.
    const incidents: Pick<Incident, 'id' | 'status' | 'updatedAt'>[] = []
    try {
      for await (const page of pagesOf(this.db.incidents, TeamSync.pageSize, (i) => i.id))
        for (const { id, status, updatedAt } of page) incidents.push({ id, status, updatedAt })
    } finally {
      this.toJoin--
    }
    const listed = this.incidentsMap()
    this.index.transact(() => {
      for (const i of incidents)
        if (i.status !== 'deleted' && listed.get(i.id) !== i.updatedAt) {
          listed.set(i.id, i.updatedAt)
          this.joined.get(i.id)?.bridge.refresh()
        }
    })
    const order = [...incidents].sort(
      (a, b) => Number(a.status !== 'active') - Number(b.status !== 'active'),
    )
    await this.joinAll(order.map((i) => i.id))
  }

  /** Incidents listed but not joined yet: until they are, the status is not "synced". */
  private toJoin = 0

  private async joinAll(ids: readonly string[]): Promise<void> {
    const fresh = ids.filter((id) => !this.joined.has(id))
    this.toJoin += fresh.length
    this.recount()
    for (let i = 0; i < fresh.length && !this.stopped; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH)
      // One incident that fails to join must not keep the rest from joining.
      await Promise.allSettled(batch.map((id) => this.join(id)))
      this.toJoin -= batch.length
      this.recount()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }

  /** Per incident, events in its document this app could not read. */
  private readonly unreadable = new Map<string, number>()

  /** How long a failed join waits before it is tried again. */
  static retryMs = 5000

  /** Incidents read at a time when looking for what to share (a page is a megabyte or two). */
  static pageSize = 1000

  /** Incidents whose joining failed (their bridge could not start): tried again a little later. */
  private readonly failed = new Set<string>()

  /** Joins one incident's document now (an incident opened on screen need not wait its turn). */
  async join(id: string): Promise<void> {
    if (this.joined.has(id) || this.stopped) return
    const bridge = new IncidentBridge(this.db, id, undefined, undefined, this.writes, (count) => {
      if ((this.unreadable.get(id) ?? 0) === count) return
      this.unreadable.set(id, count)
      this.update({ unreadable: [...this.unreadable.values()].reduce((a, b) => a + b, 0) })
    })
    const provider = this.provider(incidentDocName(id), bridge.doc)
    this.joined.set(id, { bridge, provider })
    await this.startBridge(id, bridge)
  }

  private async startBridge(id: string, bridge: IncidentBridge): Promise<void> {
    try {
      await bridge.start()
      if (this.failed.delete(id)) this.recount()
    } catch (error) {
      // Counted until it starts (an incident that shares nothing must not look synced).
      this.failed.add(id)
      this.recount()
      setTimeout(() => {
        if (!this.stopped) void this.startBridge(id, bridge).catch(() => undefined)
      }, TeamSync.retryMs)
      throw error
    }
  }

  /**
   * The incident's shared document and who is in it (awareness), joined now if it was not, once
   * it has heard from the server (or after a few seconds offline: it works without the server
   * and syncs later).
   */
  async document(id: string): Promise<SharedDocument | null> {
    await this.join(id)
    const joined = this.joined.get(id)
    if (!joined) return null
    const end = Date.now() + 3000
    while (!joined.provider.isSynced && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 50))
    return { doc: joined.bridge.doc, awareness: joined.provider.awareness, name: this.config.name }
  }

  /** Resolves when everything that arrived is written (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.joined.values()].map(({ bridge }) => bridge.idle()))
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener)
    listener(this.status)
    return () => this.listeners.delete(listener)
  }

  private recount(): void {
    const incidents = [...this.joined.values()].map((j) => j.provider)
    // Changes waiting: incidents with changes the server has not confirmed (the index follows).
    const waiting = incidents.filter((p) => p.hasUnsyncedChanges).length
    const providers = [this.indexProvider, ...incidents]
    // Synced means every listed incident is joined and has heard from the server.
    const behind =
      providers.filter((p) => p.hasUnsyncedChanges || !p.isSynced).length +
      this.toJoin +
      this.failed.size
    this.update({
      waiting,
      ...(this.status.state !== 'offline' ? { state: behind ? 'syncing' : 'synced' } : {}),
    })
  }

  private update(change: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...change }
    if (change.state === 'syncing' || change.state === 'synced') this.status.since = null
    for (const listener of this.listeners) listener(this.status)
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.stopWatching()
    for (const { bridge, provider } of this.joined.values()) {
      provider.destroy()
      await bridge.stop()
    }
    this.indexProvider.destroy()
    this.socket.destroy()
  }
}
