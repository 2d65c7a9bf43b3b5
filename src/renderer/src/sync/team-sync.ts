/**
 * The team's sync, for this app: one WebSocket to the server, an index document that lists the
 * team's incidents, and one document per incident bridged to the local database (see
 * incident-bridge.ts). Everything keeps working offline: the documents take changes and send them
 * when the server is back; the status says how things stand.
 *
 * Memory stays bounded at any size of history: an incident's document is joined while it is
 * being brought in step (a few dozen at once), shown on a screen, or among the hundred most
 * recently active; the others are left with a mark (the index's value for it, the incident as it
 * stood here: SyncMarkRow). The index tells every teammate
 * which incident changed: a value that is not the mark's means join it again. An incident's change
 * is announced in the index only once the server has its document's change, so whoever joins
 * because of the announcement finds it there.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { INDEX_DOC, incidentDocName } from '@shared/sync/incident-doc'
import * as Y from 'yjs'
import type { Incident } from '@shared/domain/model'
import type { SteadyDb, SyncMarkRow } from '../db/database'
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
  /** The screen is done with it: it may be left once in step. */
  release: () => void
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

/** An incident's document while it is joined. */
interface Joined {
  bridge: IncidentBridge
  provider: HocuspocusProvider
  /** Its bridge's start (which loads the stored state and writes what either side lacks). */
  started: boolean
  starting: Promise<void>
  /** Screens showing it (a post-mortem written together): a held document is never left. */
  holds: number
  /** Changes it has seen, either side: a leave that saw one more is not made. */
  changes: number
  /** When it was joined, changed or shown last (the least recently active are left first). */
  active: number
  leaving: boolean
}

/**
 * What the mark keeps of the local record: when it last changed and how many events it has (a
 * restore of an older copy changes either).
 */
const localState = (incident?: Pick<Incident, 'updatedAt' | 'lastSeq'>) =>
  incident && `${incident.updatedAt}/${incident.lastSeq ?? ''}`

/** Whether the mark says this incident is in step: the index and the local record as they were. */
const inStep = (mark: SyncMarkRow | undefined, listed: number | undefined, local?: string) =>
  !!mark && mark.listed === listed && mark.local === local

export class TeamSync {
  private readonly socket: HocuspocusProviderWebsocket
  private readonly index = new Y.Doc()
  private readonly indexProvider: HocuspocusProvider
  private readonly joined = new Map<string, Joined>()
  /** Incidents to join and bring in step, in order (a few at a time: TeamSync.visits). */
  private readonly queue = new Set<string>()
  /** Incidents changed here that teammates must hear of, once their document is in step. */
  private readonly toAnnounce = new Set<string>()
  /** In step, and waiting for the next announcement (many are one update of the index). */
  private readonly unsent = new Set<string>()
  private announcing: ReturnType<typeof setTimeout> | undefined
  private lastStamp = 0
  /** When each document was left, for `rejoinMs` (forgotten after). */
  private readonly leftAt = new Map<string, number>()
  /** Scans of the local records under way (shareLocal): not "synced" before they end. */
  private scanning = 0
  private indexSynced = false
  private readonly indexReady: Promise<void>
  private sweep: ReturnType<typeof setInterval> | undefined
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

  /** Documents joined at once to bring them in step, besides those shown on a screen. */
  static visits = 100
  /** Documents in step kept joined, the most recently active (live for whoever looks at them). */
  static keep = 100
  /**
   * How long a document left waits before it is joined again: the server takes a document name
   * opened again on the same connection at once for the old one, and never syncs it.
   */
  static rejoinMs = 2000
  /** How long a failed join waits before it is tried again. */
  static retryMs = 5000
  /** Incidents read at a time when looking for what to share (a page is a megabyte or two). */
  static pageSize = 1000
  /** Announcements gathered this long into one update of the index. */
  static announceMs = 100

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
    let ready = () => undefined as unknown
    this.indexReady = new Promise<void>((resolve) => (ready = resolve))
    this.indexProvider = this.provider(INDEX_DOC, this.index, () => {
      if (this.indexProvider.isSynced && !this.indexSynced) {
        this.indexSynced = true
        ready()
      }
      this.settleAll()
    })
    this.indexProvider.attach()
    // A teammate's change to an incident not joined here: joined, unless its mark says in step.
    // (The index's first load is read by shareLocal, with the local records.)
    this.incidentsMap().observe((event) => {
      const fresh: string[] = []
      for (const id of event.keysChanged) {
        const joined = this.joined.get(id)
        if (joined) this.touch(joined)
        else fresh.push(id)
      }
      if (this.indexSynced && fresh.length && !event.transaction.local)
        void this.consider(fresh).catch(() => undefined)
    })
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

  private provider(name: string, document: Y.Doc, changed: () => void): HocuspocusProvider {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document,
      token: this.config.secret,
      onAuthenticationFailed: ({ reason }) => this.update({ refused: reason || 'refused' }),
      onSynced: changed,
      onUnsyncedChanges: changed,
    })
    // Nobody is shown in a document until its editor is open (collaboration-cursors.ts): a
    // thousand documents must not each tell the server every 15 seconds that we are here.
    provider.awareness?.setLocalState(null)
    return provider
  }

  async start(): Promise<void> {
    this.peopleMap().set(this.config.name, Date.now())
    this.stopWatching = this.store.onWritten((id, events) => {
      this.toAnnounce.add(id)
      const joined = this.joined.get(id)
      if (joined) joined.bridge.push(events)
      // Written here: joined now, not after the incidents waiting their turn.
      else this.join(id)
    })
    // What waits for a moment that never comes (an acknowledgement lost to a reconnect) is
    // looked at again.
    this.sweep = setInterval(() => {
      const now = Date.now()
      for (const [id, at] of this.leftAt) if (now - at > TeamSync.rejoinMs) this.leftAt.delete(id)
      this.settleAll()
    }, 500)
    await this.shareLocal()
  }

  /**
   * Once the index is as the server has it: every incident not in step is joined — changed here
   * since its mark (written here, imported, restored), changed by a teammate, never shared, or
   * missing here — the ones in progress first. At start, and after an import.
   */
  async shareLocal(): Promise<void> {
    this.scanning++
    this.recount()
    try {
      await this.indexReady
      const listed = this.incidentsMap()
      const first: string[] = []
      const later: string[] = []
      const here = new Set<string>()
      // Read a page at a time, and only this much kept of each: years of history at once would
      // be hundreds of megabytes. The records, not their summaries: a history written from
      // outside the app is summarized a moment after start.
      for await (const page of pagesOf(this.db.incidents, TeamSync.pageSize, (i) => i.id)) {
        const marks = await this.db.syncMarks.bulkGet(page.map((i) => i.id))
        page.forEach((incident, n) => {
          const { id, status } = incident
          here.add(id)
          const mark = marks[n]
          const local = localState(incident)
          if (status === 'deleted' && !listed.has(id)) return
          if (inStep(mark, listed.get(id), local)) return
          if (mark?.local !== local) this.toAnnounce.add(id)
          const joined = this.joined.get(id)
          if (joined) joined.bridge.refresh()
          else (status === 'active' ? first : later).push(id)
        })
      }
      const missing = [...listed.keys()].filter((id) => !here.has(id))
      here.clear()
      for (let i = 0; i < missing.length; i += TeamSync.pageSize) {
        const ids = missing.slice(i, i + TeamSync.pageSize)
        const marks = await this.db.syncMarks.bulkGet(ids)
        ids.forEach((id, n) => inStep(marks[n], listed.get(id)) || later.push(id))
      }
      for (const id of [...first, ...later]) this.queue.add(id)
    } finally {
      this.scanning--
    }
    this.pump()
    this.recount()
  }

  /** Incidents the index says changed: joined unless their mark says they are in step. */
  private async consider(ids: readonly string[]): Promise<void> {
    const marks = await this.db.syncMarks.bulkGet([...ids])
    const listed = this.incidentsMap()
    ids.forEach((id, n) => {
      if (!this.joined.has(id) && marks[n]?.listed !== listed.get(id)) this.queue.add(id)
    })
    this.pump()
    this.recount()
  }

  /**
   * Joins waiting incidents while fewer than `visits` are being brought in step besides the `keep`
   * kept (a document in step beyond them is being left, and still counts until it is).
   */
  private pump(): void {
    let joined = [...this.joined.values()].filter((j) => j.holds === 0).length
    for (const id of this.queue) {
      if (joined >= TeamSync.visits + TeamSync.keep || this.stopped) break
      this.queue.delete(id)
      if (this.joined.has(id)) continue
      this.join(id)
      joined++
    }
  }

  /** Per incident, events in its document this app could not read. */
  private readonly unreadable = new Map<string, number>()

  /** Incidents whose joining failed (their bridge could not start): tried again a little later. */
  private readonly failed = new Set<string>()

  /** Joins one incident's document (started in the background; see `starting`). */
  private join(id: string): Joined {
    const known = this.joined.get(id)
    if (known) return known
    this.queue.delete(id)
    const bridge = new IncidentBridge(this.db, id, undefined, undefined, this.writes, (count) => {
      if ((this.unreadable.get(id) ?? 0) === count) return
      this.unreadable.set(id, count)
      this.update({ unreadable: [...this.unreadable.values()].reduce((a, b) => a + b, 0) })
    })
    const joined: Joined = {
      bridge,
      provider: this.provider(incidentDocName(id), bridge.doc, () => {
        this.recount()
        void this.settle(id)
      }),
      started: false,
      starting: Promise.resolve(),
      holds: 0,
      changes: 0,
      active: Date.now(),
      leaving: false,
    }
    bridge.doc.on('update', () => this.touch(joined))
    this.joined.set(id, joined)
    const wait = (this.leftAt.get(id) ?? -Infinity) + TeamSync.rejoinMs - Date.now()
    if (wait <= 0) joined.provider.attach()
    else
      setTimeout(() => {
        if (this.joined.get(id) === joined && !this.stopped) joined.provider.attach()
      }, wait)
    joined.starting = this.startBridge(id, joined)
    joined.starting.catch(() => undefined)
    this.recount()
    return joined
  }

  private async startBridge(id: string, joined: Joined): Promise<void> {
    try {
      await joined.bridge.start()
      joined.started = true
      this.failed.delete(id)
      this.recount()
      void this.settle(id)
    } catch (error) {
      // Counted until it starts (an incident that shares nothing must not look synced).
      this.failed.add(id)
      this.recount()
      setTimeout(() => {
        if (!this.stopped && this.joined.get(id) === joined)
          void this.startBridge(id, joined).catch(() => undefined)
      }, TeamSync.retryMs)
      throw error
    }
  }

  /** Whether the document is in step with the server: started, heard from it, nothing unsent. */
  private inStep(joined: Joined): boolean {
    return joined.started && joined.provider.isSynced && !joined.provider.hasUnsyncedChanges
  }

  private touch(joined: Joined): void {
    joined.changes++
    joined.active = Date.now()
  }

  /**
   * Whether the document is among the least recently active of those in step and not shown,
   * beyond the `keep` most recent: those are left. (The others of them are settled too.)
   */
  private beyondKeep(id: string): boolean {
    const idle = [...this.joined]
      .filter(([, j]) => j.holds === 0 && this.inStep(j))
      .sort(([, a], [, b]) => a.active - b.active)
    const leave = idle.slice(0, Math.max(0, idle.length - TeamSync.keep)).map(([other]) => other)
    for (const other of leave) if (other !== id) void this.settle(other)
    return leave.includes(id)
  }

  private settleAll(): void {
    for (const id of [...this.joined.keys()]) void this.settle(id)
    this.recount()
  }

  /**
   * Once a document is in step and written here: its change is announced (if it was one), then,
   * unless a screen holds it or it is among the `keep` most recently active, it is left with its
   * mark. Anything that changes meanwhile (either
   * side, or the index) calls the leave off; the sweep tries again.
   */
  private async settle(id: string): Promise<void> {
    const joined = this.joined.get(id)
    if (!joined || joined.leaving || this.stopped || !this.inStep(joined)) return
    joined.leaving = true
    try {
      const seen = joined.changes
      await joined.bridge.idle()
      const still = () => joined.changes === seen && this.inStep(joined) && !this.stopped
      if (!still()) return
      if (this.toAnnounce.delete(id)) {
        this.unsent.add(id)
        this.announceSoon()
      }
      if (joined.holds > 0 || this.unsent.has(id) || this.indexProvider.hasUnsyncedChanges) return
      if (!this.beyondKeep(id)) return
      const listed = this.incidentsMap().get(id)
      await this.mark(id, listed)
      // A change that came while the mark was written: the mark goes, the document stays.
      if (!still() || joined.holds > 0 || this.incidentsMap().get(id) !== listed) {
        await this.db.syncMarks.delete(id)
        return
      }
      this.joined.delete(id)
      this.leftAt.set(id, Date.now())
      joined.provider.destroy()
      void joined.bridge.stop()
      this.pump()
      this.recount()
    } catch {
      // A write that failed: the document stays joined, and the sweep tries again.
    } finally {
      joined.leaving = false
    }
  }

  /**
   * Writes the mark of a document about to be left (with the incident as it stands here), among
   * the team's other writes of this turn (SharedWrites: one transaction for many).
   */
  private mark(id: string, listed: number | undefined): Promise<void> {
    const { db } = this
    return this.writes.run(async () => {
      await db.syncMarks.put({ id, listed, local: localState(await db.incidents.get(id)) })
    })
  }

  /** Writes the changes waiting to be announced into the index, gathered into one update. */
  private announceSoon(): void {
    this.announcing ??= setTimeout(() => {
      this.announcing = undefined
      if (this.stopped) return
      // Unique to this change: a teammate's mark never holds it already. The fraction tells two
      // machines' announcements of the same millisecond apart.
      const stamp = Math.max(Date.now(), Math.floor(this.lastStamp) + 1)
      this.lastStamp = stamp
      const value = stamp + (this.index.clientID % 1000) / 1000
      const listed = this.incidentsMap()
      this.index.transact(() => {
        for (const id of this.unsent) listed.set(id, value)
      })
      this.unsent.clear()
      this.recount()
    }, TeamSync.announceMs)
  }

  /**
   * The incident's shared document and who is in it (awareness), joined now if it was not, once
   * it has heard from the server (or after a few seconds offline: it works without the server
   * and syncs later). Held, not left, until `release`.
   */
  async document(id: string): Promise<SharedDocument | null> {
    if (this.stopped) return null
    const joined = this.join(id)
    joined.holds++
    joined.active = Date.now()
    let released = false
    const release = () => {
      if (released) return
      released = true
      joined.holds--
      joined.active = Date.now()
      void this.settle(id)
    }
    try {
      await joined.starting
    } catch (error) {
      release()
      throw error
    }
    const end = Date.now() + 3000
    while (!joined.provider.isSynced && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 50))
    return {
      doc: joined.bridge.doc,
      awareness: joined.provider.awareness,
      name: this.config.name,
      release,
    }
  }

  /** Documents joined now (tests: at most `visits` and `keep` besides those shown). */
  get documentsJoined(): number {
    return this.joined.size
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
    const incidents = [...this.joined.values()]
    // Changes waiting: incidents with changes the server has not confirmed (the index follows).
    const waiting = incidents.filter((j) => j.provider.hasUnsyncedChanges).length
    // Synced means the index is the server's, every incident listed is in step (or left in step),
    // and every change made here is announced.
    const index = this.indexProvider
    const behind =
      Number(!this.indexSynced || index.hasUnsyncedChanges || !index.isSynced) +
      incidents.filter((j) => !this.inStep(j)).length +
      this.queue.size +
      this.scanning +
      this.toAnnounce.size +
      this.unsent.size +
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
    clearInterval(this.sweep)
    clearTimeout(this.announcing)
    for (const { bridge, provider } of this.joined.values()) {
      provider.destroy()
      await bridge.stop()
    }
    this.indexProvider.destroy()
    this.socket.destroy()
  }
}
