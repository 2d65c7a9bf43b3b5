import { expect, it } from 'vitest'
import { settledCache } from './hooks'
import { db, incidentsRepo, actionItemsRepo } from './instance'

it('keeps a read until one of its tables changes, and only its tables', async () => {
  const { id } = await incidentsRepo.open({ title: 'Checkout down' })
  const cache = settledCache<string[]>(['incidents'])
  cache.set(['read'])
  expect(cache.get()).toEqual(['read'])
  await db.table('ydocs').put({ name: 'unrelated', state: new Uint8Array() })
  expect(cache.get()).toEqual(['read'])
  await actionItemsRepo.create(id, { title: 'Alert on 5xx' })
  // Creating an item writes its incident (an event): the read is out of date.
  await expect.poll(() => cache.get()).toBeUndefined()
  cache.set(['again'])
  await incidentsRepo.addNote(id, 'still down')
  await expect.poll(() => cache.get()).toBeUndefined()
})
