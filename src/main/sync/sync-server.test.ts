import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { stampEvents, type EventDraft, type TimelineEvent } from '../../shared/domain/events'
import { IncidentLog, T0 } from '../../shared/domain/test-helpers'
import {
  appendEvents,
  incidentDocName,
  postmortemOf,
  projectIncident,
  readEvents,
} from '../../shared/sync/incident-doc'
import { startSyncServer, whoIs, type RunningSyncServer } from './sync-server'

const SECRET = 'correct horse battery staple'
let dir: string
let server: RunningSyncServer
const clients: { provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket }[] = []
const logged: string[] = []

const start = () =>
  startSyncServer({ dir, secret: SECRET, port: 0, log: (line) => logged.push(line) })

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'steady-sync-'))
  server = await start()
})
afterEach(async () => {
  for (const c of clients.splice(0)) {
    c.provider.destroy()
    c.socket.destroy()
  }
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

/** A teammate's app: a document for the incident, joined through the server. */
function join(token = SECRET, onRefused?: () => void) {
  const document = new Y.Doc()
  const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: incidentDocName('inc-1'),
    document,
    token,
    onAuthenticationFailed: onRefused ?? (() => undefined),
  })
  provider.attach()
  clients.push({ provider, socket })
  return { document, provider, socket }
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${check.toString().slice(0, 120)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
const synced = (p: HocuspocusProvider) => until(() => p.isSynced && !p.hasUnsyncedChanges)

let n = 0
const recorded = (who: string, drafts: EventDraft[], at: number): TimelineEvent[] =>
  stampEvents(drafts, {
    incidentId: 'inc-1',
    lastSeq: 0,
    recordedAt: at,
    newId: () => `${who}-${++n}`,
  })
const type = (doc: Y.Doc, words: string) => {
  const fragment = postmortemOf(doc)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(words)])
  fragment.insert(fragment.length, [paragraph])
}
const written = (doc: Y.Doc) => postmortemOf(doc).toString()

describe('the team sync server', () => {
  it(
    'two people offline at once converge on reconnecting, and nothing typed is lost',
    { timeout: 15_000 },
    async () => {
      const ana = join()
      const ben = join()
      await Promise.all([synced(ana.provider), synced(ben.provider)])
      appendEvents(
        ana.document,
        new IncidentLog('inc-1', { now: T0, title: 'Checkout 502' }).events,
      )
      await until(() => projectIncident(ben.document, 'inc-1')?.title === 'Checkout 502')

      ana.socket.disconnect()
      ben.socket.disconnect()
      // Offline for real: the sockets have closed before anyone types.
      await until(() => [ana, ben].every((c) => c.socket.status === 'disconnected'))
      appendEvents(
        ana.document,
        recorded(
          'ana',
          [
            { kind: 'severity-changed', at: T0 + 60_000, payload: { from: null, to: 'SEV2' } },
            { kind: 'note', at: T0 + 60_000, payload: { text: 'Rolled back the deploy' } },
          ],
          T0 + 60_000,
        ),
      )
      type(ana.document, 'Ana: the pool was too small.')
      appendEvents(
        ben.document,
        recorded(
          'ben',
          [{ kind: 'severity-changed', at: T0 + 120_000, payload: { from: null, to: 'SEV1' } }],
          T0 + 120_000,
        ),
      )
      type(ben.document, 'Ben: the alert came late.')

      void ana.socket.connect()
      void ben.socket.connect()
      await until(
        () =>
          written(ana.document) === written(ben.document) &&
          readEvents(ana.document, 'inc-1').events.length ===
            readEvents(ben.document, 'inc-1').events.length &&
          readEvents(ana.document, 'inc-1').events.length === 6,
      )
      for (const { document } of [ana, ben]) {
        const incident = projectIncident(document, 'inc-1')
        expect(incident?.severity).toBe('SEV1')
        expect(incident?.notes.map((x) => x.text)).toEqual(['Rolled back the deploy'])
        expect(written(document)).toContain('Ana: the pool was too small.')
        expect(written(document)).toContain('Ben: the alert came late.')
      }
      expect(readEvents(ana.document, 'inc-1')).toEqual(readEvents(ben.document, 'inc-1'))
      expect(logged.some((line) => line.startsWith('team joined incident:inc-1'))).toBe(true)
    },
  )

  it('keeps everything across a restart, for someone who joins later', async () => {
    const ana = join()
    await synced(ana.provider)
    appendEvents(ana.document, new IncidentLog('inc-1', { now: T0, title: 'Disk full' }).events)
    type(ana.document, 'What we learned.')
    await synced(ana.provider)
    ana.provider.destroy()
    ana.socket.destroy()
    await server.stop()
    server = await start()
    const late = join()
    await until(() => projectIncident(late.document, 'inc-1')?.title === 'Disk full')
    expect(written(late.document)).toContain('What we learned.')
  })

  it('refuses a wrong secret, and an update that forges another incident’s event', async () => {
    let refused = false
    const stranger = join('guess', () => (refused = true))
    await until(() => refused)
    expect(stranger.document.getArray('events').length).toBe(0)

    const ana = join()
    const mallory = join()
    await Promise.all([synced(ana.provider), synced(mallory.provider)])
    appendEvents(ana.document, new IncidentLog('inc-1', { now: T0, title: 'Checkout 502' }).events)
    await until(() => readEvents(mallory.document, 'inc-1').events.length === 3)
    const forged = recorded(
      'mallory',
      [{ kind: 'note', at: T0, payload: { text: 'forged' } }],
      T0 + 1,
    ).map((e) => ({ ...e, incidentId: 'inc-2' }))
    mallory.document.getArray('events').push(forged)
    await until(() => logged.some((line) => line.includes('belongs to another incident')))
    // A later honest change still arrives; the forged one never did.
    appendEvents(mallory.document, [])
    const late = join()
    await synced(late.provider)
    expect(late.document.getArray('events').length).toBe(3)
    expect(ana.document.getArray('events').length).toBe(3)
  })

  it('listens on the address it is given only, and says when its port is taken', async () => {
    const { address } = server.instance.server!.httpServer.address() as { address: string }
    expect(address).toBe('127.0.0.1')
    await expect(
      startSyncServer({ dir, secret: SECRET, port: server.port, address: '127.0.0.1' }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })

  it('compares tokens by value, for the team secret and per-person tokens', () => {
    expect(whoIs(SECRET, { secret: SECRET })).toBe('team')
    expect(whoIs('x', { secret: SECRET })).toBeNull()
    expect(whoIs('ana-token', { tokens: { 'ana-token': 'Ana' } })).toBe('Ana')
  })
})
