// @vitest-environment node
import 'fake-indexeddb/auto'
import type { BackupInfo, BackupReason, BackupSummary } from '@shared/ipc-contract'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { db, incidentsRepo } from '../../db/instance'
import { exportAll } from '../../db/transfer'
import type { Platform } from '../../platform'
import { readBackup, restoreBackup, writeBackup } from './backup-files'

// Node's Blob streams and compresses as a browser's does; the app's database module reads the
// team setting from page storage, which Node lacks: an empty one stands in.
vi.hoisted(() => {
  const items = new Map<string, string>()
  Object.assign(globalThis, {
    localStorage: {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => items.set(key, value),
      removeItem: (key: string) => items.delete(key),
      key: (i: number) => [...items.keys()][i] ?? null,
      get length() {
        return items.size
      },
    },
  })
})

/**
 * The main process's backups, faked at the process boundary: files by name, the "nothing new"
 * rule on the fingerprint, read in pieces of 1 KB (so a restore must put pieces together).
 */
function fakeBackups() {
  const files = new Map<string, { bytes: Uint8Array; info: BackupInfo; hash: string }>()
  const begun = new Map<string, { reason: BackupReason; parts: Uint8Array[] }>()
  let n = 0
  const api: NonNullable<Platform['backups']> = {
    begin: async (reason) => {
      const token = String(++n).padStart(32, '0')
      begun.set(token, { reason, parts: [] })
      return token
    },
    append: async (token, bytes) => {
      begun.get(token)!.parts.push(bytes)
      return null
    },
    finish: async (token, summary: BackupSummary | null) => {
      const { reason, parts } = begun.get(token)!
      begun.delete(token)
      const newest = [...files.values()].at(-1)
      if (!summary || (newest?.hash === summary.fingerprint && reason !== 'before-restore'))
        return null
      const bytes = new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer())
      const info = { name: `steady-backup-${n}.json.gz`, at: n, size: bytes.length, reason }
      const entry = { bytes, hash: summary.fingerprint, info: { ...info, counts: summary.counts } }
      files.set(info.name, entry)
      return entry.info
    },
    list: async () => [...files.values()].map((f) => f.info).reverse(),
    read: async (name, offset) => {
      const { bytes } = files.get(name)!
      return { bytes: bytes.slice(offset, offset + 1024), size: bytes.length }
    },
    reveal: async () => null,
  }
  return api
}

const content = async () => ({ ...(await exportAll(db)), exportedAt: null })

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()))
})

describe('backups written and restored from the page', () => {
  it('writes a compressed backup only when something changed', async () => {
    const backups = fakeBackups()
    const { id } = await incidentsRepo.open({ title: 'Checkout down' })
    const first = await writeBackup(backups, 'scheduled')
    expect(first).toMatchObject({ counts: { incidents: 1 } })
    const bytes = await readBackup(backups, first!.name)
    const head = new Uint8Array(await bytes.slice(0, 2).arrayBuffer())
    expect([head[0], head[1]]).toEqual([0x1f, 0x8b])
    expect(await writeBackup(backups, 'scheduled')).toBeNull()
    await incidentsRepo.addNote(id, 'still down')
    expect(await writeBackup(backups, 'scheduled')).not.toBeNull()
  })

  it('restores a backup read in pieces, after saving what is here so it can be undone', async () => {
    const backups = fakeBackups()
    const { id } = await incidentsRepo.open({ title: 'Checkout down' })
    // Enough text that the backup is many pieces of 1 KB even compressed.
    for (let i = 0; i < 40; i++)
      await incidentsRepo.addNote(id, `note ${i} ${Math.random().toString(36).repeat(8)}`)
    const before = await content()
    const backup = (await writeBackup(backups, 'scheduled'))!
    expect(backup.size).toBeGreaterThan(3 * 1024)

    await incidentsRepo.open({ title: 'A later incident' })
    const later = await content()
    await restoreBackup(backups, backup)
    expect(await content()).toEqual(before)

    // What was here before the restore is a backup of its own, and restoring it undoes it.
    const [undo] = await backups.list()
    expect(undo).toMatchObject({ reason: 'before-restore', counts: { incidents: 2 } })
    await restoreBackup(backups, undo!)
    expect(await content()).toEqual(later)
  })

  it('a backup that cannot be read changes nothing and says why', async () => {
    const backups = fakeBackups()
    await incidentsRepo.open({ title: 'Checkout down' })
    const token = await backups.begin('scheduled')
    await backups.append(token, new TextEncoder().encode('{"format":"steady-export", "cut'))
    const broken = (await backups.finish(token, { counts: {}, fingerprint: 'f'.repeat(64) }))!
    const here = await content()
    await expect(restoreBackup(backups, broken)).rejects.toThrow(/Nothing was changed/)
    expect(await content()).toEqual(here)
  })
})
