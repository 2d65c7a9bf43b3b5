/**
 * The one write path under pressure: edits that race in one tab or across two, and corrections.
 * Each test here failed on the old "read the record, await, write the whole record back" code.
 */
import { replay } from '@shared/domain/events'
import { HOUR, MINUTE } from '@shared/domain/time'
import { describe, expect, it } from 'vitest'
import { ActionItemsRepo } from './action-items-repo'
import { SteadyDb } from './database'
import { IncidentsRepo } from './incidents-repo'
import { testDb } from './test-db'

/** A second tab: its own connection to the same database, with its own ids. */
function secondTab(db: SteadyDb, now: () => number) {
  const other = new SteadyDb(db.name)
  let ids = 0
  const deps = { db: other, now, newId: () => `tab2-${++ids}` }
  return { incidents: new IncidentsRepo(deps), actionItems: new ActionItemsRepo(deps) }
}

describe('event store', () => {
  it('keeps both of two concurrent edits of different fields of one action item', async () => {
    const { incidents, actionItems, db } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const item = await actionItems.create(id, { title: 'Alert on 5xx' })
    await Promise.all([
      actionItems.edit(item.id, { owner: 'sam' }),
      actionItems.setStatus(item.id, 'done'),
      actionItems.edit(item.id, { measure: 'Pages within 2 min' }),
    ])
    expect(await db.actionItems.get(item.id)).toMatchObject({
      owner: 'sam',
      status: 'done',
      measure: 'Pages within 2 min',
    })
    // The timeline's last word on the item is its whole current state.
    const last = (await incidents.events(id)).filter((e) => e.kind === 'action-item-changed').at(-1)
    expect(last?.kind === 'action-item-changed' && last.payload.item).toMatchObject({
      owner: 'sam',
      status: 'done',
      measure: 'Pages within 2 min',
    })
  })

  it('loses nothing when two tabs edit the same incident at once', async () => {
    const { incidents, db, clock } = testDb()
    const tab2 = secondTab(db, () => clock.now)
    const { id } = await incidents.open({ title: 'x' })
    await Promise.all([
      incidents.editDetails(id, { symptoms: 'EU checkout 502' }),
      tab2.incidents.editDetails(id, { errorMessages: 'upstream connect error' }),
      incidents.addNote(id, 'from tab one'),
      tab2.incidents.addNote(id, 'from tab two'),
      incidents.logMitigation(id, {
        action: 'Roll back',
        expected: '',
        observed: '',
        outcome: null,
      }),
      tab2.incidents.changeSeverity(id, 'SEV2'),
    ])
    const stored = await incidents.get(id)
    expect(stored).toMatchObject({
      symptoms: 'EU checkout 502',
      errorMessages: 'upstream connect error',
      severity: 'SEV2',
    })
    expect(stored?.notes.map((n) => n.text).sort()).toEqual(['from tab one', 'from tab two'])
    expect(stored?.mitigations).toHaveLength(1)
    const events = await incidents.events(id)
    // Every event has its own place in the recording order, and the record is their replay.
    expect(new Set(events.map((e) => e.seq)).size).toBe(events.length)
    expect(replay(events)).toEqual(stored)
  })

  it('runs a command on the incident as it is in the transaction (a double verify records once)', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    await Promise.all([incidents.verifyMitigation(id), incidents.verifyMitigation(id)])
    const verified = (await incidents.events(id)).filter((e) => e.kind === 'mitigation-verified')
    expect(verified).toHaveLength(1)
  })

  it('records the times the user gives, refuses the future, and corrects them later', async () => {
    const { incidents, clock } = testDb()
    const { id } = await incidents.open({ title: 'x', startedAt: clock.now - 3 * HOUR })
    clock.advance(MINUTE)
    const at = clock.now - 40 * MINUTE
    const logged = await incidents.logMitigation(id, {
      action: 'Roll back',
      expected: '',
      observed: '',
      outcome: null,
      at,
    })
    expect(logged.mitigations[0]?.at).toBe(at)
    await expect(incidents.addNote(id, 'later', clock.now + 5 * MINUTE)).rejects.toThrow(/future/)
    await expect(incidents.verifyMitigation(id, clock.now - 4 * HOUR)).rejects.toThrow(
      /before the impact started/,
    )
    await incidents.verifyMitigation(id, clock.now - 30 * MINUTE)
    const event = (await incidents.events(id)).find((e) => e.kind === 'mitigation-action')!
    const corrected = await incidents.correctTime(id, event.id, at - 10 * MINUTE)
    // The attempt moved, in the record and in the projection.
    expect(corrected.mitigations[0]?.at).toBe(at - 10 * MINUTE)
    expect(replay(await incidents.events(id))).toEqual(corrected)
    const phase = (await incidents.move(id, { kind: 'go-to', to: 'triage' })).allowed
    expect(phase).toBe(false) // capture needs symptoms: the refusal records nothing
  })

  it('saves every valid field even when one value is over its limit, and names that one', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const tooLong = '502 Bad Gateway from LB' // 23 characters: a status code holds 20
    await expect(
      incidents.editDetails(id, { title: 'Checkout 502', statusCodes: [tooLong] }),
    ).rejects.toThrow(/Status codes .*Everything else was saved/)
    // The next autosave still carries the bad value, with a new edit: the edit lands.
    await expect(
      incidents.editDetails(id, { symptoms: 'EU only', statusCodes: [tooLong] }),
    ).rejects.toThrow(/Status codes/)
    expect(await incidents.get(id)).toMatchObject({
      title: 'Checkout 502',
      symptoms: 'EU only',
      statusCodes: [],
    })
  })

  it('keeps phase moves at their real time', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x', details: { symptoms: 'y' } })
    await incidents.move(id, { kind: 'go-to', to: 'triage' })
    const move = (await incidents.events(id)).find((e) => e.kind === 'phase-changed')!
    await expect(incidents.correctTime(id, move.id, move.at - HOUR)).rejects.toThrow(/real time/)
  })

  it('edits and deletes what was logged, and a deleted incident waits in the trash', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const withAttempt = await incidents.logMitigation(id, {
      action: 'Restart',
      expected: '',
      observed: '',
      outcome: null,
    })
    const attempt = withAttempt.mitigations[0]!
    await incidents.editMitigation(id, attempt.id, { outcome: 'partial', observed: 'half back' })
    expect((await incidents.get(id))?.mitigations[0]).toMatchObject({ outcome: 'partial' })
    await expect(incidents.editMitigation(id, attempt.id, { action: ' ' })).rejects.toThrow(
      /needs its action/,
    )
    await incidents.deleteItem(id, attempt.id)
    expect((await incidents.get(id))?.mitigations).toEqual([])
    const deleted = await incidents.delete(id)
    expect(deleted).toMatchObject({ status: 'deleted', statusBeforeDelete: 'active' })
    expect(await incidents.restore(id)).toMatchObject({ status: 'active', deletedAt: null })
  })
})

describe('transactions', () => {
  it('saves a change made while another writer’s transaction seems current, in its own', async () => {
    const { incidents, postmortems, store, db } = testDb()
    const { id } = await incidents.open({ title: 'Checkout 502' })
    const doc = { type: 'doc' as const, content: [{ type: 'paragraph' }] }
    // Team sync's writes (incidents, events, its documents): a screen's save that runs while
    // Dexie still holds that zone must not try to join it.
    let saving: Promise<void> = Promise.resolve()
    await db.transaction('rw', [db.incidents, db.events, db.ydocs], async () => {
      saving = postmortems.save(id, doc)
    })
    await saving
    expect(await db.postmortems.get(id)).toMatchObject({ doc })
    // This store's own transactions are still joined: a failure later in one undoes it all.
    await expect(
      store.transaction([], async () => {
        await incidents.addNote(id, 'Rolled back the deploy')
        throw new Error('later')
      }),
    ).rejects.toThrow('later')
    expect((await incidents.get(id))?.notes).toEqual([])
  })
})

describe('who recorded it', () => {
  it('names the teammate on each event in a team, and nobody when working alone', async () => {
    const { db } = testDb()
    const team = new IncidentsRepo({ db, author: () => 'Ana' })
    const { id } = await team.open({ title: 'Checkout 502' })
    await team.addNote(id, 'Rolled back')
    expect((await team.events(id)).map((e) => e.by)).toEqual(['Ana', 'Ana', 'Ana', 'Ana'])
    const alone = testDb()
    const solo = await alone.incidents.open({ title: 'Disk full' })
    expect((await alone.incidents.events(solo.id)).every((e) => !('by' in e))).toBe(true)
  })
})
