import type { PostmortemDoc } from '@shared/domain/postmortem'
import { expect, it } from 'vitest'
import { db, incidentsRepo, postmortemsRepo } from '../../db/instance'
import type { FolderWriter, Platform } from '../../platform/platform'
import { exportAllPostmortems } from './export'

const doc = (text: string): PostmortemDoc => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

/** A platform whose folder keeps what is written, and when each file came. */
function folderPlatform(options: { cancel?: boolean } = {}) {
  const written: { name: string; content: string }[] = []
  let asked: string[] = []
  let archive = ''
  let closed = false
  const platform = {
    saveFolderFiles: async (names: string[], zip: string): Promise<FolderWriter | null> => {
      asked = names
      archive = zip
      if (options.cancel) return null
      return {
        where: '/exports',
        write: async (index, content) => void written.push({ name: names[index]!, content }),
        close: async () => void (closed = true),
      }
    },
  } as Platform
  return { platform, written, asked: () => asked, archive: () => archive, closed: () => closed }
}

it('writes every post-mortem into the folder, one file at a time, the trash left out', async () => {
  await db.postmortems.clear()
  const titles = ['Checkout down', 'Login slow', 'Queue stuck']
  const ids: string[] = []
  for (const title of titles) {
    const { id } = await incidentsRepo.open({ title })
    await postmortemsRepo.save(id, doc(`What happened in ${title}`))
    ids.push(id)
  }
  await incidentsRepo.delete(ids[2]!)
  const folder = folderPlatform()
  const progress: number[] = []
  const said = await exportAllPostmortems(folder.platform, {
    progress: (done) => progress.push(done),
  })
  expect(said).toBe('Exported 2 post-mortems to /exports.')
  // The folder is asked about once, with every name; each file is then sent by its place.
  expect(folder.asked()).toHaveLength(2)
  expect(folder.written.map((file) => file.name)).toEqual(folder.asked())
  expect(
    folder.asked().every((name) => /^\d{4}-\d{2}-\d{2}-(checkout-down|login-slow)\.md$/.test(name)),
  ).toBe(true)
  expect(folder.written.map((file) => file.content).join()).toContain('What happened in Login slow')
  expect(folder.written.map((file) => file.content).join()).not.toContain('Queue stuck')
  expect(progress).toEqual([1, 2])
  // In a browser, one archive named for the day.
  expect(folder.archive()).toMatch(/^\d{4}-\d{2}-\d{2}-post-mortems\.zip$/)
  expect(folder.closed()).toBe(true)
})

it('stops between files when cancelled, and says how many were written', async () => {
  await db.postmortems.clear()
  for (const title of ['One', 'Two', 'Three']) {
    const { id } = await incidentsRepo.open({ title })
    await postmortemsRepo.save(id, doc(title))
  }
  const folder = folderPlatform()
  const stop = new AbortController()
  const said = await exportAllPostmortems(folder.platform, {
    signal: stop.signal,
    progress: (done) => done === 1 && stop.abort(),
  })
  expect(said).toBe('Export cancelled: 1 of 3 post-mortems written to /exports.')
  expect(folder.written).toHaveLength(1)
  expect(folder.closed()).toBe(true)
  expect(await exportAllPostmortems(folderPlatform({ cancel: true }).platform)).toBe(
    'Export cancelled.',
  )
})
