import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { fileStore } from './store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-reminders-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const at = 1_800_000_000_000
const state = { schedule: [{ id: 'a', incidentId: 'i', at, title: 't', body: 'b' }] }

it('writes the schedule to its file and reads it back', async () => {
  const file = path.join(dir, 'reminders.json')
  await fileStore(file).save(state)
  expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state)
  await expect(fileStore(file).load()).resolves.toEqual(state)
})

it('fails to load a missing or cut-short file (the scheduler then starts empty)', async () => {
  const file = path.join(dir, 'reminders.json')
  await expect(fileStore(file).load()).rejects.toThrow()
  await writeFile(file, '{"schedule": [')
  await expect(fileStore(file).load()).rejects.toThrow()
})
