import { openIncidentDrafts } from '@shared/domain/events'
import { replay } from '@shared/domain/events'
import { MINUTE } from '@shared/domain/time'
import { describe, expect, it } from 'vitest'
import { DbError } from './errors'
import { IncidentsRepo, hasIncidents } from './incidents-repo'
import { testDb } from './test-db'

describe('IncidentsRepo', () => {
  it('tells an empty database (the desktop then offers its newest backup) from one with incidents', async () => {
    const { db, incidents } = testDb()
    expect(await hasIncidents(db)).toBe(false)
    const { id } = await incidents.open({ title: 'Checkout 502' })
    expect(await hasIncidents(db)).toBe(true)
    await db.incidents.update(id, { status: 'deleted' })
    expect(await hasIncidents(db)).toBe(true)
  })

  it('opens an incident with its opening events, in one write', async () => {
    const { db, clock, incidents } = testDb()
    const incident = await incidents.open({
      title: 'Checkout 502',
      startedAt: clock.now - 10 * MINUTE,
    })
    expect(await db.incidents.get(incident.id)).toEqual(incident)
    const events = await incidents.events(incident.id)
    expect(events.map((e) => [e.kind, e.seq])).toEqual([
      ['incident-opened', 1],
      ['impact-started', 2],
      ['detected', 3],
    ])
    expect(incident.startedAt).toBe(clock.now - 10 * MINUTE)
  })

  it('never opens an incident over one that has the same id', async () => {
    const { db, incidents } = testDb()
    const first = await incidents.open({ title: 'First' })
    // The incident's id is taken; its events' ids are not.
    let calls = 0
    const clash = new IncidentsRepo({ db, newId: () => (calls++ ? `event-${calls}` : first.id) })
    await expect(clash.open({ title: 'Second' })).rejects.toBeInstanceOf(DbError)
    expect((await incidents.get(first.id))?.title).toBe('First')
    expect(await incidents.events(first.id)).toHaveLength(3)
  })

  it('numbers events after the last one, also for incidents stored before they kept that number', async () => {
    const { db, incidents } = testDb()
    const { id } = await incidents.open({ title: 'Old record' })
    expect((await incidents.get(id))?.lastSeq).toBe(3)
    // A record from an older version: no `lastSeq`, so the timeline tells where to go on.
    await db.incidents.update(id, { lastSeq: undefined })
    await incidents.addNote(id, 'first note after the upgrade')
    await incidents.addNote(id, 'second')
    const events = await incidents.events(id)
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    expect((await incidents.get(id))?.lastSeq).toBe(5)
  })

  it('appends an event with every change, and the stored incident always equals its replay', async () => {
    const { clock, incidents } = testDb()
    const { id } = await incidents.open({ title: 'API down' })
    clock.advance(MINUTE)
    await incidents.editDetails(id, { symptoms: '502 on /checkout', statusCodes: ['502'] })
    await incidents.editDetails(id, { symptoms: '502 on /checkout' }) // unchanged: no event
    expect((await incidents.move(id, { kind: 'go-to', to: 'triage' })).allowed).toBe(true)
    await incidents.changeSeverity(id, 'SEV2')
    await incidents.editDetails(id, { strategy: 'rollback' })
    await incidents.move(id, { kind: 'go-to', to: 'mitigate' })
    const withAttempt = await incidents.logMitigation(id, {
      action: 'Roll back the deploy',
      expected: '502s stop',
      observed: 'Still failing',
      outcome: 'failed',
    })
    await incidents.verifyMitigation(id)
    await incidents.addHypothesis(id, { statement: 'Connection pool exhausted' })
    const stored = await incidents.get(id)
    const events = await incidents.events(id)
    expect(events.map((e) => e.kind)).toEqual([
      'incident-opened',
      'impact-started',
      'detected',
      'details-edited',
      'phase-changed',
      'severity-changed',
      'details-edited',
      'phase-changed',
      'mitigation-action',
      'mitigation-verified',
      'hypothesis-added',
    ])
    expect(replay(events)).toEqual(stored)
    expect(withAttempt.mitigations).toHaveLength(1)
    expect(stored).toMatchObject({ phase: 'mitigate', severity: 'SEV2', mitigatedAt: clock.now })
  })

  it('refuses a move the rules forbid and writes nothing', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const before = await incidents.events(id)
    const result = await incidents.move(id, { kind: 'go-to', to: 'triage' })
    expect(result).toMatchObject({ allowed: false, missing: [{ field: 'symptoms' }] })
    expect(await incidents.events(id)).toEqual(before)
  })

  it('leaves no partial state when a write fails inside its transaction', async () => {
    const { db, incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const before = { incident: await incidents.get(id), events: await incidents.events(id) }
    const failing = () => {
      throw new Error('disk on fire')
    }
    db.events.hook('creating', failing)
    await expect(incidents.editDetails(id, { symptoms: 'lost?' })).rejects.toMatchObject({
      kind: 'write-failed',
    })
    db.events.hook('creating').unsubscribe(failing)
    expect(await incidents.get(id)).toEqual(before.incident)
    expect(await incidents.events(id)).toEqual(before.events)
  })

  it('rejects invalid input with a clear message, keeping what was saved', async () => {
    const { incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    await incidents.editDetails(id, { symptoms: 'kept' })
    const error = await incidents
      .editDetails(id, { symptoms: 'y'.repeat(25_000) })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DbError)
    expect((error as DbError).kind).toBe('invalid')
    expect((error as DbError).message).toMatch(/Not saved: What is happening/)
    expect((await incidents.get(id))?.symptoms).toBe('kept')
  })

  it('corrects when something happened, keeping when it was recorded', async () => {
    const { clock, incidents } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const started = (await incidents.events(id)).find((e) => e.kind === 'impact-started')!
    clock.advance(5 * MINUTE)
    const corrected = await incidents.correctTime(id, started.id, started.at - 30 * MINUTE)
    expect(corrected.startedAt).toBe(started.at - 30 * MINUTE)
    const events = await incidents.events(id)
    expect(events.find((e) => e.id === started.id)).toMatchObject({
      at: started.at - 30 * MINUTE,
      recordedAt: started.recordedAt,
    })
    expect(events.at(-1)).toMatchObject({ kind: 'time-corrected', payload: { from: started.at } })
    expect(replay(events)).toEqual(await incidents.get(id))
    await expect(incidents.correctTime(id, started.id, clock.now + 2 * MINUTE)).rejects.toThrow(
      /impossible/,
    )
    await expect(incidents.correctTime(id, started.id, Number.NaN)).rejects.toThrow(/impossible/)
  })

  it('refuses an impossible start time when opening', async () => {
    const { clock, incidents } = testDb()
    await expect(incidents.open({ startedAt: clock.now + MINUTE })).rejects.toThrow(/future/)
  })
})

describe('ActionItemsRepo', () => {
  it('writes each change and its timeline event together', async () => {
    const { clock, incidents, actionItems } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const item = await actionItems.create(id, { title: 'Alert on 5xx rate', type: 'detect' })
    clock.advance(MINUTE)
    await actionItems.setStatus(item.id, 'done')
    await actionItems.setStatus(item.id, 'verified')
    const events = (await incidents.events(id)).filter((e) => e.kind === 'action-item-changed')
    expect(events.map((e) => e.kind === 'action-item-changed' && e.payload.change)).toEqual([
      'created',
      'done',
      'verified',
    ])
    expect(await actionItems.forIncident(id)).toMatchObject([
      { status: 'verified', doneAt: clock.now, verifiedAt: clock.now },
    ])
  })

  it('leaves the item untouched when its event cannot be written', async () => {
    const { db, incidents, actionItems } = testDb()
    const { id } = await incidents.open({ title: 'x' })
    const item = await actionItems.create(id, { title: 'Runbook' })
    const failing = () => {
      throw new Error('quota')
    }
    db.events.hook('creating', failing)
    await expect(actionItems.setStatus(item.id, 'done')).rejects.toBeInstanceOf(DbError)
    db.events.hook('creating').unsubscribe(failing)
    expect(await db.actionItems.get(item.id)).toEqual(item)
  })
})

describe('importMany', () => {
  it('writes every imported incident, or none when one is refused', async () => {
    const { db, clock, incidents } = testDb()
    const ok = openIncidentDrafts({ now: clock.now, title: 'From a spreadsheet' })
    const bad = openIncidentDrafts({ now: clock.now, title: 'x'.repeat(301) })
    await expect(incidents.importMany([ok, bad])).rejects.toBeInstanceOf(DbError)
    expect(await db.incidents.count()).toBe(0)
    expect(await db.events.count()).toBe(0)
    const [first] = await incidents.importMany([ok, ok])
    expect(first?.title).toBe('From a spreadsheet')
    expect(await db.incidents.count()).toBe(2)
  })
})

describe('link', () => {
  it('links two incidents both ways, with a note on each timeline, once', async () => {
    const { incidents } = testDb()
    const a = await incidents.open({ title: 'Checkout 502' })
    const b = await incidents.open({ title: 'Payments failing' })
    await incidents.link(b.id, a.id)
    await incidents.link(b.id, a.id)
    const [one, two] = await Promise.all([incidents.get(a.id), incidents.get(b.id)])
    expect(one?.related).toEqual([b.id])
    expect(two?.related).toEqual([a.id])
    expect(one?.notes.map((n) => n.text)).toEqual([
      'Linked with “Payments failing”: possibly the same incident.',
    ])
    expect(two?.notes.map((n) => n.text)).toEqual([
      'Linked with “Checkout 502”: possibly the same incident.',
    ])
    await expect(incidents.link(a.id, a.id)).rejects.toThrow(/itself/)
  })
})
