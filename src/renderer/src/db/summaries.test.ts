// @vitest-environment node
import 'fake-indexeddb/auto'
import { summarize, summarizeWith } from '@shared/domain/summary'
import { DAY } from '@shared/domain/time'
import { describe, expect, it } from 'vitest'
import { generateDataset } from '../../../../bench/generate.mjs'
import { SUMMARIES_CHECKED, repairSummaries } from './summaries'
import { asChecked, putHistory, testDb } from './test-db'
import { exportAll, importExport, replaceAll } from './transfer'

/**
 * Every summary equals the summary of its incident (with its items' digest), and there is one per
 * incident.
 */
async function expectInStep(db: ReturnType<typeof testDb>['db']) {
  const incidents = await db.incidents.toArray()
  const items = await db.actionItems.toArray()
  expect(await db.summaries.toArray()).toEqual(
    incidents.map((i) =>
      summarizeWith(
        i,
        items.filter((item) => item.incidentId === i.id),
      ),
    ),
  )
}

describe('incident summaries', () => {
  it('follow every write to an incident, in the same transaction', async () => {
    const { db, clock, incidents } = testDb()
    const { id } = await incidents.open({ title: 'Checkout 502' })
    expect(await db.summaries.get(id)).toMatchObject({ title: 'Checkout 502', status: 'active' })
    await incidents.editDetails(id, {
      title: 'Checkout returns 502',
      services: ['checkout'],
      symptoms: 'EU checkout\nmore',
    })
    await incidents.changeSeverity(id, 'SEV1')
    expect(await db.summaries.get(id)).toMatchObject({
      title: 'Checkout returns 502',
      severity: 'SEV1',
      services: ['checkout'],
      symptoms: 'EU checkout',
    })
    await expectInStep(db)
    // A write that fails leaves the summary as it was, with its incident.
    await expect(
      db.transaction('rw', db.incidents, async () => {
        await db.incidents.update(id, { title: 'Never saved' })
        throw new Error('cut short')
      }),
    ).rejects.toThrow('cut short')
    expect((await db.summaries.get(id))?.title).toBe('Checkout returns 502')
    // Changed in place (Dexie's update and modify), not only put whole.
    await db.incidents.update(id, { title: 'Checkout returns 502 again' })
    expect((await db.summaries.get(id))?.title).toBe('Checkout returns 502 again')
    await db.incidents.where('id').equals(id).modify({ title: 'Checkout returns 502' })
    expect((await db.summaries.get(id))?.title).toBe('Checkout returns 502')
    // Deleted for good (30 days in the trash): the summary goes too.
    await incidents.delete(id)
    expect((await db.summaries.get(id))?.status).toBe('deleted')
    clock.advance(31 * DAY)
    await incidents.purgeTrash()
    expect(await db.summaries.count()).toBe(0)
  })

  it('follow an import and a restore, which replaces everything', async () => {
    const { db } = testDb()
    const history = generateDataset(30, { eventsPer: 3, bigEvents: 3 })
    await putHistory(db, history)
    await expectInStep(db)
    const file = await exportAll(db)
    const ten = new Set(file.incidents.slice(0, 10).map((i) => i.id))
    const mine = <R extends { incidentId: string }>(rows: R[]) =>
      rows.filter((r) => ten.has(r.incidentId))
    await replaceAll(
      db,
      asChecked({
        ...file,
        incidents: file.incidents.filter((i) => ten.has(i.id)),
        events: mine(file.events),
        actionItems: mine(file.actionItems),
        postmortems: mine(file.postmortems),
      }),
    )
    await expectInStep(db)
    expect(await db.summaries.count()).toBe(10)
    // Imported into an empty database, and over itself with every item done and one more each.
    const fresh = testDb().db
    await importExport(fresh, asChecked(file), 'skip')
    await expectInStep(fresh)
    expect(file.actionItems.length).toBeGreaterThan(10)
    const changed = {
      ...file,
      actionItems: [
        ...file.actionItems.map((item) => ({
          ...item,
          status: 'done' as const,
          doneAt: item.createdAt,
        })),
        ...file.incidents.map((i) => ({
          ...file.actionItems[0]!,
          id: `new-${i.id}`,
          incidentId: i.id,
        })),
      ],
    }
    await importExport(fresh, asChecked(changed), 'replace')
    await expectInStep(fresh)
    expect((await fresh.summaries.toArray()).every((s) => s.items && s.items.total > 0)).toBe(true)
  })

  it("count each incident's action items as they are written, done, reopened and removed", async () => {
    const { db, clock, incidents, actionItems } = testDb()
    const { id } = await incidents.open({ title: 'Disk full' })
    const digest = async () => (await db.summaries.get(id))?.items
    expect(await digest()).toBeUndefined()
    const written = clock.now
    const first = await actionItems.create(id, { title: 'Alert on disk at 80%' })
    const second = await actionItems.create(id, { title: 'Rotate logs daily' })
    expect(await digest()).toEqual({
      total: 2,
      done: 0,
      onTime: 0,
      notDoneSince: [written, written],
      latest: written,
    })
    // One done within two weeks, the other three weeks later.
    clock.advance(3 * DAY)
    await actionItems.setStatus(first.id, 'done')
    clock.advance(18 * DAY)
    await actionItems.setStatus(second.id, 'done')
    expect(await digest()).toMatchObject({ total: 2, done: 2, onTime: 1, notDoneSince: [] })
    await actionItems.setStatus(second.id, 'open')
    expect(await digest()).toMatchObject({ done: 1, notDoneSince: [written] })
    await actionItems.remove(second.id)
    expect(await digest()).toMatchObject({ total: 1, done: 1, onTime: 1 })
    // Written in place (Dexie's update), and deleted in bulk.
    await db.actionItems.update(first.id, { doneAt: null, status: 'open' })
    expect(await digest()).toMatchObject({ done: 0, notDoneSince: [written] })
    await db.actionItems.where('incidentId').equals(id).delete()
    expect(await digest()).toBeUndefined()
    // An incident written again keeps its digest.
    await actionItems.create(id, { title: 'Page on disk full' })
    await incidents.editDetails(id, { title: 'Disk full on db-1' })
    expect(await digest()).toMatchObject({ total: 1 })
    await expectInStep(db)
    // Deleted by a range of ids, and all at once (a restore clears the table).
    const other = await incidents.open({ title: 'Queue stuck' })
    const kept = await actionItems.create(other.id, { title: 'Alert on queue depth' })
    const gone = await actionItems.create(id, { title: 'Grow the disk' })
    expect(kept.id).not.toBe(gone.id)
    await db.actionItems.where('id').between(gone.id, gone.id, true, true).delete()
    expect(await digest()).toMatchObject({ total: 1 })
    await expectInStep(db)
    await db.actionItems.clear()
    expect(await digest()).toBeUndefined()
    expect((await db.summaries.get(other.id))?.items).toBeUndefined()
    await expectInStep(db)
  })

  it('stay small however much is written about an incident', async () => {
    const { db, incidents } = testDb()
    const { id } = await incidents.open({ title: 'Queue stuck' })
    for (let n = 0; n < 50; n++) await incidents.addNote(id, 'x'.repeat(2000))
    await incidents.editDetails(id, {
      rootCause: {
        trigger: '',
        mechanism: '',
        impact: '',
        summary: 'w'.repeat(5000),
        contributingFactors: '',
      },
    })
    await incidents.editDetails(id, { symptoms: `${'y'.repeat(90)}\n${'z'.repeat(10_000)}` })
    const incident = JSON.stringify(await db.incidents.get(id)).length
    const summary = JSON.stringify(await db.summaries.get(id)).length
    expect(incident).toBeGreaterThan(100_000)
    expect(summary).toBeLessThan(1500)
  })

  it('are repaired for incidents written from outside the app, and for incidents gone', async () => {
    const { db } = testDb()
    const history = generateDataset(12, { eventsPer: 2, bigEvents: 2 })
    await putHistory(db, history)
    // Written around the middleware (raw IndexedDB), as the benchmark seeds its history.
    const raw = db.backendDB()
    await new Promise((resolve, reject) => {
      const tx = raw.transaction(['incidents', 'summaries'], 'readwrite')
      tx.objectStore('summaries').delete('bench-000003')
      tx.objectStore('summaries').put({ ...summarize(history.incidents[4]!), id: 'gone' })
      tx.objectStore('summaries').delete('bench-000004')
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    const revs = await db.summaryRevs.toArray()
    // Only the two missing are written, in slices (of one, here), and the orphan deleted (a
    // revision too, so what follows the summaries hears of it); the others are left as they are.
    expect(await repairSummaries(db, { slice: 1 })).toBe(2)
    await expectInStep(db)
    const changed = (await db.summaryRevs.toArray()).filter(
      (r) => revs.find((before) => before.id === r.id)?.rev !== r.rev,
    )
    expect(changed.map((r) => r.id).sort()).toEqual(['bench-000003', 'bench-000004', 'gone'])
    // When they agree, it writes nothing.
    expect(await repairSummaries(db, { now: Date.now() + 40 * DAY })).toBe(0)
  })

  it('are repaired when as many are missing as are left over, found a few keys at a time', async () => {
    const { db } = testDb()
    const history = generateDataset(12, { eventsPer: 2, bigEvents: 2 })
    await putHistory(db, history)
    // One missing in the first walk, one first in the second, one at the very end; as many
    // orphans, one before every incident, one between the walks and one after: both tables have
    // twelve.
    const ids = history.incidents.map((i) => i.id).sort()
    const raw = db.backendDB()
    await new Promise((resolve, reject) => {
      const tx = raw.transaction(['summaries'], 'readwrite')
      const store = tx.objectStore('summaries')
      for (const n of [1, 5, 11]) store.delete(ids[n]!)
      for (const id of ['a-gone', `${ids[4]}-gone`, 'zz-gone'])
        store.put({ ...summarize(history.incidents[0]!), id })
      tx.oncomplete = resolve
      tx.onerror = () => reject(tx.error)
    })
    expect(await db.summaries.count()).toBe(await db.incidents.count())
    // Keys compared five at a time: the first walk ends at the fifth incident.
    expect(await repairSummaries(db, { walk: 5 })).toBe(3)
    await expectInStep(db)
  })

  it('are looked at again only after a history was written from outside, or a month later', async () => {
    const { db } = testDb()
    const history = generateDataset(6, { eventsPer: 1, bigEvents: 0 })
    await putHistory(db, history)
    const raw = db.backendDB()
    const rawWrite = (write: (tx: IDBTransaction) => void) =>
      new Promise((resolve, reject) => {
        const tx = raw.transaction(['summaries', 'caches'], 'readwrite')
        write(tx)
        tx.oncomplete = resolve
        tx.onerror = () => reject(tx.error)
      })
    const [a, b, c] = history.incidents.map((i) => i.id)
    const now = Date.now()
    expect(await repairSummaries(db, { now })).toBe(0)
    // Lost without a word from outside: not looked for until a month has passed.
    await rawWrite((tx) => tx.objectStore('summaries').delete(a!))
    expect(await repairSummaries(db, { now: now + 29 * DAY })).toBe(0)
    expect(await repairSummaries(db, { now: now + 31 * DAY })).toBe(1)
    // Written from outside with its mark: looked for at the next start.
    const marked = (tx: IDBTransaction, written: number) =>
      tx.objectStore('caches').put({ key: SUMMARIES_CHECKED, written })
    await rawWrite((tx) => {
      tx.objectStore('summaries').delete(b!)
      marked(tx, 1)
    })
    expect(await repairSummaries(db, { now: now + 32 * DAY })).toBe(1)
    // Written from outside while it looks: it does not mark what it may not have seen as in step.
    const looking = repairSummaries(db, { now: now + 64 * DAY, walk: 1 })
    await rawWrite((tx) => {
      tx.objectStore('summaries').delete(c!)
      marked(tx, 2)
    })
    await looking
    expect(await db.caches.get(SUMMARIES_CHECKED)).toEqual({ key: SUMMARIES_CHECKED, written: 2 })
    // So the next start looks again (whether or not that look already wrote the summary).
    await repairSummaries(db, { now: now + 65 * DAY })
    expect(await db.caches.get(SUMMARIES_CHECKED)).toEqual({
      key: SUMMARIES_CHECKED,
      at: now + 65 * DAY,
    })
    await expectInStep(db)
  })
})
