import { postmortemOf } from '@shared/sync/incident-doc'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { testDb } from '../db/test-db'
import { IncidentBridge } from './incident-bridge'

/** Two teammates' apps, each with its own database, relaying document updates as a server would. */
async function team() {
  const ana = testDb(undefined, 'ana')
  const ben = testDb(undefined, 'ben')
  // Different id spaces, as on two machines.
  const { id } = await ana.incidents.open({ title: 'Checkout 502' })
  const docs = [new Y.Doc(), new Y.Doc()] as const
  let online = true
  const queued: [Y.Doc, Uint8Array][] = []
  const relay = (from: Y.Doc, to: Y.Doc) =>
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'relay') return
      if (online) Y.applyUpdate(to, update, 'relay')
      else queued.push([to, update])
    })
  relay(docs[0], docs[1])
  relay(docs[1], docs[0])
  const bridges = [new IncidentBridge(ana.db, id, docs[0]), new IncidentBridge(ben.db, id, docs[1])]
  // What each app writes goes into its document as it commits (TeamSync does this in the app).
  ana.store.onWritten((_, events) => void bridges[0]!.push(events))
  ben.store.onWritten((_, events) => void bridges[1]!.push(events))
  await Promise.all(bridges.map((b) => b.start()))
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await Promise.all(bridges.map((b) => b.idle()))
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  await settle()
  return {
    id,
    ana,
    ben,
    bridges,
    settle,
    offline: () => (online = false),
    online: () => {
      online = true
      for (const [to, update] of queued.splice(0)) Y.applyUpdate(to, update, 'relay')
    },
  }
}

describe('an incident shared through its document', () => {
  it('arrives in a teammate’s database, and both people’s changes made offline converge', async () => {
    const t = await team()
    expect((await t.ben.incidents.get(t.id))?.title).toBe('Checkout 502')

    t.offline()
    await t.ana.incidents.addNote(t.id, 'Rolled back the deploy')
    t.ben.clock.advance(60_000)
    await t.ben.incidents.editDetails(t.id, { services: ['checkout'] })
    await t.ben.incidents.addNote(t.id, 'Pool at 100%')
    await t.settle()
    t.online()
    await t.settle()

    const [a, b] = await Promise.all([t.ana.incidents.get(t.id), t.ben.incidents.get(t.id)])
    expect(a?.notes.map((n) => n.text).sort()).toEqual(['Pool at 100%', 'Rolled back the deploy'])
    expect(a?.services).toEqual(['checkout'])
    expect(b).toEqual(a)
    const [ea, eb] = await Promise.all([t.ana.incidents.events(t.id), t.ben.incidents.events(t.id)])
    expect(eb.map((e) => [e.id, e.seq])).toEqual(ea.map((e) => [e.id, e.seq]))
    expect(ea.map((e) => e.seq)).toEqual(ea.map((_, i) => i + 1))

    // What happens next is numbered after everything, on both sides.
    await t.ben.incidents.addNote(t.id, 'Back to normal')
    await t.settle()
    expect((await t.ana.incidents.get(t.id))?.notes.at(-1)?.text).toBe('Back to normal')
  })

  it('keeps the shared post-mortem across a restart, to merge with teammates later', async () => {
    const t = await team()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('The pool was too small.')])
    postmortemOf(t.bridges[0]!.doc).insert(0, [paragraph])
    await t.settle()
    await t.bridges[0]!.stop()
    const restarted = new IncidentBridge(t.ana.db, t.id)
    await restarted.start()
    expect(postmortemOf(restarted.doc).toString()).toContain('The pool was too small.')
    // The same document, not a copy: merged with the teammate's, nothing doubles.
    Y.applyUpdate(restarted.doc, Y.encodeStateAsUpdate(t.bridges[1]!.doc))
    expect(
      postmortemOf(restarted.doc)
        .toString()
        .match(/The pool/g),
    ).toHaveLength(1)
    await restarted.stop()
  })

  it('leaves out an event it cannot read (a newer Steady’s kind), says how many, and keeps the rest', async () => {
    const ana = testDb(undefined, 'ana')
    const ben = testDb(undefined, 'ben')
    const { id } = await ana.incidents.open({ title: 'Checkout 502' })
    const doc = new Y.Doc()
    const anas = new IncidentBridge(ana.db, id, doc)
    await anas.start()
    // A teammate on a newer version logs something this version has no kind for.
    const [first] = await ana.incidents.events(id)
    const newer = { ...first!, id: 'newer-1', seq: 99, kind: 'pager-acknowledged', payload: {} }
    const shared = Y.encodeStateAsUpdate(doc)
    const bens = new Y.Doc()
    Y.applyUpdate(bens, shared)
    bens.getArray('events').push([newer])
    const unreadable: number[] = []
    const bridge = new IncidentBridge(ben.db, id, bens, undefined, undefined, (n) =>
      unreadable.push(n),
    )
    await bridge.start()
    await bridge.idle()
    expect(unreadable.at(-1)).toBe(1)
    expect((await ben.incidents.get(id))?.title).toBe('Checkout 502')
    expect((await ben.incidents.events(id)).map((e) => e.kind)).not.toContain('pager-acknowledged')
    await Promise.all([anas.stop(), bridge.stop()])
  })
})
