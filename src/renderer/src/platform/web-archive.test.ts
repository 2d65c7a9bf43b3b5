// @vitest-environment node
import { strFromU8, unzipSync } from 'fflate'
import { expect, it } from 'vitest'
import { archiveWriter } from './web-archive'

it('makes one .zip of every file, namesakes numbered, each as it was written', async () => {
  let archive: Blob | undefined
  const names = ['2026-11-26-outage.md', '2026-11-26-outage.md', '2026-11-27-slow.md']
  const writer = archiveWriter(names, 'Downloads/x.zip', (zip) => (archive = zip))
  expect(writer.where).toBe('Downloads/x.zip')
  await writer.write(0, '# Outage\n\nWhat happened.')
  await writer.write(1, '# Outage, again')
  await writer.write(2, '# Slow')
  expect(archive).toBeUndefined()
  await writer.close()
  const files = unzipSync(new Uint8Array(await archive!.arrayBuffer()))
  expect(
    Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)])),
  ).toEqual({
    '2026-11-26-outage.md': '# Outage\n\nWhat happened.',
    '2026-11-26-outage-2.md': '# Outage, again',
    '2026-11-27-slow.md': '# Slow',
  })
  expect(archive!.type).toBe('application/zip')
})
