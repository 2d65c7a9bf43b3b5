/**
 * What the search index reads beyond the incident records: post-mortem text and action items,
 * read for a batch of incidents at a time.
 */
import { writtenText } from '@shared/domain/review'
import type { SearchExtras, SearchSource } from './search'
import type { SteadyDb } from '../../db/database'

export function searchSource(db: SteadyDb): SearchSource {
  return {
    async extras(ids) {
      // One query per incident, all at once: `anyOf` walks a cursor key by key, about 1 s for
      // 500 incidents' items, against tens of milliseconds for this.
      const [postmortems, items] = await Promise.all([
        db.postmortems.bulkGet([...ids]),
        Promise.all(ids.map((id) => db.actionItems.where('incidentId').equals(id).toArray())).then(
          (lists) => lists.flat(),
        ),
      ])
      const extras = new Map<string, SearchExtras>()
      const entry = (id: string) => {
        const found = extras.get(id) ?? { postmortem: '', actions: '' }
        extras.set(id, found)
        return found
      }
      for (const row of postmortems)
        if (row) entry(row.incidentId).postmortem = writtenText(row.doc)
      for (const item of items)
        entry(item.incidentId).actions += `${item.title} ${item.measure} ${item.owner}\n`
      return extras
    },
    async postmortemsSavedSince(since) {
      // Keys only: the documents themselves are read a batch at a time by `extras`.
      const saved = db.postmortems.where('updatedAt').above(since)
      const [ids, stamps] = await Promise.all([saved.primaryKeys(), saved.keys()])
      return { ids, latest: Number(stamps.at(-1) ?? since) }
    },
  }
}
