import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PendingFiles } from './pending-files'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-pending-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const bytes = (text: string) => new TextEncoder().encode(text)

describe('a file written in pieces', () => {
  it('appears whole, in order, only when committed; the old file stays until then', async () => {
    const target = path.join(dir, 'export.json')
    await writeFile(target, 'the old export')
    const files = new PendingFiles()
    const token = await files.begin(target)
    // Sent without waiting for each other, as the IPC may deliver them.
    await Promise.all(['{"a":', '1,', '"b":2}'].map((piece) => files.append(token, bytes(piece))))
    expect(await readFile(target, 'utf8')).toBe('the old export')
    expect(await files.commit(token)).toEqual({ path: target, size: 13 })
    expect(await readFile(target, 'utf8')).toBe('{"a":1,"b":2}')
    expect(await readdir(dir)).toEqual(['export.json'])
  })

  it('leaves nothing when aborted, and refuses pieces for a token it does not know', async () => {
    const target = path.join(dir, 'backup.json.gz')
    const files = new PendingFiles()
    const token = await files.begin(target)
    await files.append(token, bytes('half'))
    await files.abort(token)
    expect(await readdir(dir)).toEqual([])
    await expect(files.append(token, bytes('more'))).rejects.toThrow(/no longer being written/)
    await expect(files.commit('made-up')).rejects.toThrow(/no longer being written/)
  })

  it('drops every unfinished file at quit, and limits how many are open', async () => {
    const files = new PendingFiles()
    const tokens = await Promise.all(
      Array.from({ length: 8 }, (_, i) => files.begin(path.join(dir, `f${i}`))),
    )
    await expect(files.begin(path.join(dir, 'one-too-many'))).rejects.toThrow(/Too many/)
    await files.append(tokens[0]!, bytes('x'))
    await files.abortAll()
    expect(await readdir(dir)).toEqual([])
  })
})
