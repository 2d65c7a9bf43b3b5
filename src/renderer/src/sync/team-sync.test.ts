// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import { startSyncServer, type RunningSyncServer } from '../../../main/sync/sync-server'
import { countReads, testDb } from '../db/test-db'
import { TeamSync } from './team-sync'

const SECRET = 'correct horse battery staple'
let dir: string
let server: RunningSyncServer
const syncs: TeamSync[] = []

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'steady-team-'))
  server = await startSyncServer({ dir, secret: SECRET, port: 0 })
})
const PAGE_SIZE = TeamSync.pageSize
afterEach(async () => {
  TeamSync.pageSize = PAGE_SIZE
  for (const s of syncs.splice(0)) await s.stop()
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

const until = async (check: () => Promise<boolean> | boolean, ms = 8000) => {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${check.toString().slice(0, 100)}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** A teammate's app in the team, not started yet (a test may listen first). */
function inTeam(local: ReturnType<typeof testDb>, name: string): TeamSync {
  const sync = new TeamSync(
    local.db,
    { url: server.url, secret: SECRET, name },
    local.store,
    WebSocket,
  )
  syncs.push(sync)
  return sync
}

async function teammate(name: string) {
  const local = testDb(undefined, name)
  const sync = inTeam(local, name)
  await sync.start()
  return { ...local, sync }
}

it(
  'an incident opened by one teammate reaches the other, and what each logs reaches both',
  { timeout: 20_000 },
  async () => {
    const ana = await teammate('ana')
    const ben = await teammate('ben')
    const { id } = await ana.incidents.open({ title: 'Checkout 502' })
    await ana.incidents.addNote(id, 'Rolled back the deploy')
    await until(async () => (await ben.incidents.get(id))?.notes.length === 1)
    await ben.incidents.addNote(id, 'Pool at 100%')
    await until(async () => (await ana.incidents.get(id))?.notes.length === 2)
    const [a, b] = await Promise.all([ana.incidents.get(id), ben.incidents.get(id)])
    expect(b).toEqual(a)
    let status = ''
    ana.sync.onStatus((s) => (status = s.state))
    await until(() => status === 'synced')

    // Someone who joins later gets everything, and everyone knows who is in the team (owners).
    const cy = await teammate('cy')
    await until(async () => (await cy.incidents.get(id))?.notes.length === 2)
    let people: string[] = []
    ana.sync.onPeople((names) => (people = names))
    await until(() => people.length === 3)
    expect(people).toEqual(['ana', 'ben', 'cy'])
  },
)

it(
  'a new teammate gets every one of many incidents, and the sharer is "synced" only once the server has them all',
  { timeout: 60_000 },
  async () => {
    const ana = testDb(undefined, 'ana')
    const many = 200
    for (let i = 0; i < many; i++) {
      const { id } = await ana.incidents.open({ title: `Incident ${i}` })
      await ana.incidents.addNote(id, `note ${i}`)
    }
    const sharing = inTeam(ana, 'ana')
    let status = ''
    sharing.onStatus((s) => (status = s.state))
    await sharing.start()
    await until(() => status === 'synced', 30_000)
    expect(server.instance.getDocumentsCount()).toBe(many + 1)

    const ben = await teammate('ben')
    await until(async () => (await ben.db.incidents.count()) === many, 30_000)
    expect(await ben.db.events.count()).toBe(await ana.db.events.count())
  },
)

it(
  'an incident whose joining fails (a storage error) is not called synced, and is tried again',
  { timeout: 20_000 },
  async () => {
    TeamSync.retryMs = 200
    const ana = testDb(undefined, 'ana')
    const { id } = await ana.incidents.open({ title: 'Checkout 502' })
    vi.spyOn(ana.db.ydocs, 'get').mockRejectedValueOnce(new Error('The disk hiccupped'))
    const sharing = inTeam(ana, 'ana')
    const states: string[] = []
    sharing.onStatus((s) => states.push(s.state))
    await sharing.start()
    await until(() => states.at(-1) === 'synced')
    // Not synced while the incident had not joined: synced came only after it was tried again.
    expect(ana.db.ydocs.get).toHaveBeenCalledTimes(2)
    const ben = await teammate('ben')
    await until(async () => (await ben.incidents.get(id))?.title === 'Checkout 502')
  },
)

it('an import written beside the event store goes to the team when it is done', async () => {
  TeamSync.pageSize = 2
  const local = testDb(undefined, 'ana')
  const reads = countReads(local.db)
  const ana = { ...local, sync: inTeam(local, 'ana') }
  await ana.sync.start()
  for (const title of ['Queue backlog', 'Login slow', 'Disk full'])
    await ana.incidents.open({ title })
  const ben = await teammate('ben')
  // What the import worker does: writes the records straight into the database.
  const elsewhere = testDb(undefined, 'file')
  const { id } = await elsewhere.incidents.open({ title: 'Imported: DNS outage' })
  await ana.db.incidents.bulkPut(await elsewhere.db.incidents.toArray())
  await ana.db.events.bulkPut(await elsewhere.db.events.toArray())
  const before = { ...reads }
  const readNow = (table: string) => (reads[table] ?? 0) - (before[table] ?? 0)
  await ana.sync.shareLocal()
  await until(async () => (await ben.incidents.get(id))?.title === 'Imported: DNS outage')
  // What to share is read a page of incidents at a time (years of history at once would be
  // hundreds of megabytes): never more at once than a page.
  expect(readNow('incidents')).toBeGreaterThanOrEqual(4)
  expect(reads['incidents:at once']).toBeLessThanOrEqual(2)
})
