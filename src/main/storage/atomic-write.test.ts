import type * as FsPromises from 'node:fs/promises'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { writeFileAtomic } from './atomic-write'

/** The file system as the module sees it, recording each step (and failing one when asked). */
const steps: string[] = []
let failRename = false
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>()
  const name = (p: unknown) => (String(p).endsWith('.tmp') ? 'temp' : path.basename(String(p)))
  return {
    ...fs,
    open: async (file: string, ...rest: never[]) => {
      const handle = await fs.open(file, ...rest)
      steps.push(`open ${name(file)}`)
      return Object.assign(Object.create(handle) as typeof handle, {
        writeFile: (data: string) => (steps.push(`write ${name(file)}`), handle.writeFile(data)),
        sync: () => (steps.push(`sync ${name(file)}`), handle.sync()),
        close: () => handle.close(),
      })
    },
    rename: async (from: string, to: string) => {
      steps.push(`rename ${name(from)} -> ${name(to)}`)
      if (failRename) throw Object.assign(new Error('EIO: power lost'), { code: 'EIO' })
      return fs.rename(from, to)
    },
  }
})

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

  it('writes a temporary file, flushes it to disk, then renames it over the target', async () => {
    steps.length = 0
    await writeFileAtomic(path.join(dir, 'state.json'), 'data')
    expect(steps).toEqual([
      'open temp',
      'write temp',
      'sync temp',
      'rename temp -> state.json',
      `open ${path.basename(dir)}`,
      `sync ${path.basename(dir)}`,
    ])
  })

  it('keeps the old content whole when the rename never happens (a crash mid-save)', async () => {
    const file = path.join(dir, 'reminders.json')
    await writeFile(file, 'old and whole')
    failRename = true
    try {
      await expect(writeFileAtomic(file, 'new')).rejects.toThrow('power lost')
    } finally {
      failRename = false
    }
    expect(await readFile(file, 'utf8')).toBe('old and whole')
    expect(await readdir(dir)).toEqual(['reminders.json'])
  })

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.json'), 'data')).rejects.toThrow()
    expect(await readdir(dir)).toEqual([])
  })
})
