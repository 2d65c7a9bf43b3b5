import { MINUTE } from '@shared/domain/time'
import { describe, expect, it } from 'vitest'
import { IncidentSearch } from './search'
import { testDb } from '../../db/test-db'
import { searchSource } from './search-source'

const paragraph = (text: string) => ({
  type: 'doc' as const,
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Lessons' }] },
    { type: 'paragraph', content: [{ type: 'text', text }] },
  ],
})

describe('search over post-mortems and action items', () => {
  it('finds an incident by its post-mortem and its action items, and follows later saves', async () => {
    const { db, clock, incidents, postmortems, actionItems } = testDb()
    const a = await incidents.open({ title: 'Checkout 502' })
    const b = await incidents.open({ title: 'Login slow' })
    await postmortems.save(a.id, paragraph('The connection pool was undersized'))
    await actionItems.create(b.id, { title: 'Add a canary for the session store' })
    const search = new IncidentSearch(searchSource(db))
    const all = async () => (await db.incidents.toArray()).filter(Boolean)
    await search.sync(await all())
    expect(search.search('undersized')).toEqual([a.id])
    expect(search.search('canary')).toEqual([b.id])

    // Saving the document again is no incident event: the index still hears of it.
    clock.advance(MINUTE)
    await postmortems.save(a.id, paragraph('The pool was fine; DNS was stale'))
    await search.sync(await all())
    expect(search.search('undersized')).toEqual([])
    expect(search.search('stale')).toEqual([a.id])
  })
})
