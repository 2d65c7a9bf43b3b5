/**
 * The migration harness: for every shipped schema version there is a fixture of what that version
 * stored (test/fixtures/db-vN.json). Each is written into a database created at its own version, then
 * opened with the current code, which must keep every row. Add a fixture with each new version.
 */
import { replay, type TimelineEvent } from '@shared/domain/events'
import { incidentSchema } from '@shared/domain/model'
import { summarizeWith } from '@shared/domain/summary'
import { describe, expect, it } from 'vitest'
import { SteadyDb } from './database'
import { openDatabase, toDbError } from './errors'
import { CURRENT_VERSION, SCHEMA_VERSIONS } from './schema'

interface Fixture {
  version: number
  incidents: unknown[]
  events: TimelineEvent[]
  actionItems: unknown[]
  settings: unknown[]
  /** From version 2. */
  postmortems?: unknown[]
}
const TABLES = ['incidents', 'events', 'actionItems', 'settings', 'postmortems'] as const

const fixtures = import.meta.glob<Fixture>('../../../../test/fixtures/db-v*.json', {
  eager: true,
  import: 'default',
})
const fixture = (version: number): Fixture => {
  const found = fixtures[`../../../../test/fixtures/db-v${version}.json`]
  if (!found)
    throw new Error(
      `Schema version ${version} has no fixture: add test/fixtures/db-v${version}.json`,
    )
  return found
}

let n = 0
const freshName = () => `steady-migration-${++n}-${Date.now()}`

async function createAtVersion(name: string, version: number, data: Fixture): Promise<void> {
  const old = new SteadyDb(
    name,
    SCHEMA_VERSIONS.filter((v) => v.version <= version),
  )
  await old.open()
  const tables = TABLES.filter((t) => data[t] !== undefined)
  await old.transaction(
    'rw',
    tables.map((t) => old.table(t)),
    async () => {
      for (const table of tables) await old.table(table).bulkAdd(data[table] as unknown[])
    },
  )
  old.close()
}

describe('migrations', () => {
  it('keeps every shipped version with a date and a reason', () => {
    SCHEMA_VERSIONS.forEach((v, i) => {
      expect(v.version).toBe(i + 1)
      expect(v.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(v.reason.length).toBeGreaterThan(10)
    })
  })

  it.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'opens a version %i database with the current code and loses nothing',
    async (version) => {
      const name = freshName()
      const data = fixture(version)
      await createAtVersion(name, version, data)
      const db = await openDatabase(new SteadyDb(name))
      expect(db.verno).toBe(CURRENT_VERSION)
      for (const table of TABLES) {
        expect(await db.table(table).count(), table).toBe(data[table]?.length ?? 0)
      }
      // Every incident still validates, and still equals the replay of its events.
      for (const incident of await db.incidents.toArray()) {
        expect(incidentSchema.safeParse(incident).success).toBe(true)
        const events = await db.events.where('incidentId').equals(incident.id).toArray()
        // Records from before `lastSeq` lack only that; the repository reads it from the timeline.
        const replayed = replay(events)
        expect(
          incident.lastSeq === undefined ? { ...replayed, lastSeq: undefined } : replayed,
        ).toEqual(incident)
        // The list's summary of it exists and says what the incident says.
        const items = await db.actionItems.where('incidentId').equals(incident.id).toArray()
        expect(await db.summaries.get(incident.id)).toEqual(summarizeWith(incident, items))
      }
      expect(await db.summaries.count()).toBe(data.incidents.length)
      db.close()
    },
  )
})

describe('the version 7 upgrade', () => {
  it("counts each incident's action items into its summary", async () => {
    const name = freshName()
    const data = fixture(6)
    await createAtVersion(name, 6, data)
    // Summaries as version 6 wrote them: no digest of the items.
    const old = new SteadyDb(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version <= 6),
    )
    await old.summaries.toCollection().modify((s: { items?: unknown }) => {
      delete s.items
    })
    old.close()
    const db = await openDatabase(new SteadyDb(name))
    const [item] = data.actionItems as { incidentId: string; createdAt: number }[]
    expect(item).toBeDefined()
    expect((await db.summaries.get(item?.incidentId ?? ''))?.items).toMatchObject({
      total: 1,
      latest: item?.createdAt,
    })
    db.close()
  })
})

describe('opening failures', () => {
  it('reports data from a newer version and leaves it exactly as it was', async () => {
    const name = freshName()
    // A future Steady wrote version 99 of the schema.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 990)
      request.onupgradeneeded = () => {
        request.result.createObjectStore('incidents', { keyPath: 'id' }).put({ id: 'future' })
      }
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error)
    })
    const error = await openDatabase(new SteadyDb(name)).catch((e: unknown) => e)
    expect(error).toMatchObject({
      kind: 'newer-version',
      message: expect.stringMatching(/newer version/),
    })
    const kept = await new Promise<unknown>((resolve) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => {
        const get = request.result.transaction('incidents').objectStore('incidents').get('future')
        get.onsuccess = () => {
          request.result.close()
          resolve(get.result)
        }
      }
    })
    expect(kept).toEqual({ id: 'future' })
    const onDisk = (await indexedDB.databases()).find((d) => d.name === name)
    expect(onDisk?.version).toBe(990)
  })

  it('turns a quota error into a message that says what was kept', () => {
    const quota = toDbError(new DOMException('full', 'QuotaExceededError'), 'write')
    expect(quota.kind).toBe('quota')
    expect(quota.message).toMatch(/kept/)
    const wrapped = toDbError(
      { name: 'AbortError', inner: { name: 'QuotaExceededError' } },
      'write',
    )
    expect(wrapped.kind).toBe('quota')
    expect(toDbError(new Error('boom'), 'open')).toMatchObject({ kind: 'open-failed' })
  })
})
