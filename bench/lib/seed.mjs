// Writes a generated history (../generate.mjs) straight into the app's IndexedDB, generated inside
// the page a slice at a time: nothing crosses from Node but the generator's source, and only one
// slice is in memory at once. Each slice is one relaxed transaction over every table it fills.
import { generateDataset } from '../generate.mjs'

/** Seeds `count` incidents into the database of the app open on `page`; returns what it wrote. */
export async function seedPage(page, count, options = {}, slice = 2000) {
  await page.evaluate(`window.__generateDataset = ${generateDataset.toString()}`)
  return page.evaluate(
    async ([count, options, slice]) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('steady')
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
      const written = { incidents: 0, events: 0 }
      for (let from = 0; from < count; from += slice) {
        const data = window.__generateDataset(Math.min(slice, count - from), { ...options, from })
        const names = Object.keys(data)
        const tx = db.transaction([...names, 'caches'], 'readwrite', { durability: 'relaxed' })
        for (const name of names) for (const row of data[name]) tx.objectStore(name).put(row)
        // Written from outside the app: its next start summarizes them (SUMMARIES_CHECKED).
        tx.objectStore('caches').put({
          key: 'summaries-checked',
          written: Date.now() + Math.random(),
        })
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve
          tx.onerror = () => reject(tx.error)
        })
        written.incidents += data.incidents.length
        written.events += data.events.length
      }
      db.close()
      return written
    },
    [count, options, slice],
  )
}
