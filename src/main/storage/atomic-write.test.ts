import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from './atomic-write'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-atomic-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one, leaving no temporary file behind', async () => {
    const file = path.join(dir, 'state.json')
    await writeFileAtomic(file, 'first')
    await writeFileAtomic(file, 'second')
    expect(await readFile(file, 'utf8')).toBe('second')
    expect(await readdir(dir)).toEqual(['state.json'])
  })

  it('leaves what was there intact, and no temporary file, when the write fails', async () => {
    // A folder in the target's place makes the final rename fail after the data was written.
    const target = path.join(dir, 'report.md')
    await mkdir(path.join(target, 'kept'), { recursive: true })
    await writeFile(path.join(target, 'kept', 'note.txt'), 'previous')
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow()
    expect(await readFile(path.join(target, 'kept', 'note.txt'), 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['report.md'])
  })

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.json'), 'data')).rejects.toThrow()
    expect(await readdir(dir)).toEqual([])
  })
})
