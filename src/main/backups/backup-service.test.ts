import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BACKUP_EVERY_MS, BackupService } from './backup-service'
import { backupsToKeep } from './retention'

const T0 = Date.UTC(2026, 10, 26, 14, 0)
const HOUR = 3_600_000
const DAY = 24 * HOUR
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

let dir: string
let now: number
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'steady-backups-'))
  now = T0
})
afterEach(async () => {
  vi.useRealTimers()
  await rm(dir, { recursive: true, force: true })
})

function service(requestSnapshot = vi.fn()) {
  return new BackupService({
    dir,
    now: () => now,
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
    requestSnapshot,
    dayOf: utcDay,
  })
}

const snapshot = (n: number) => JSON.stringify({ format: 'steady-export', incidents: n })
/** What the page says of a backup: its counts, and the fingerprint of what it holds. */
const summary = (counts: Record<string, number>, holds: unknown = counts) => ({
  counts,
  fingerprint: createHash('sha256').update(JSON.stringify(holds)).digest('hex'),
})

describe('BackupService', () => {
  it('asks for a snapshot every 15 minutes', () => {
    vi.useFakeTimers()
    const request = vi.fn()
    const s = service(request)
    s.start()
    vi.advanceTimersByTime(BACKUP_EVERY_MS - 1)
    expect(request).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    vi.advanceTimersByTime(2 * BACKUP_EVERY_MS)
    expect(request).toHaveBeenCalledTimes(3)
    s.stop()
    vi.advanceTimersByTime(BACKUP_EVERY_MS)
    expect(request).toHaveBeenCalledTimes(3)
  })

  it('writes only when something changed', async () => {
    const s = service()
    expect(await s.write(snapshot(1), summary({ incidents: 1 }, 1))).toMatchObject({
      counts: { incidents: 1 },
    })
    now += BACKUP_EVERY_MS
    expect(await s.write(snapshot(1), summary({ incidents: 1 }, 1))).toBeNull()
    now += BACKUP_EVERY_MS
    expect(await s.write(snapshot(2), summary({ incidents: 2 }, 2))).not.toBeNull()
    expect((await s.list()).map((b) => b.counts['incidents'])).toEqual([2, 1])
  })

  it('keeps the last 3 from today and one per earlier day, 10 at most', async () => {
    const s = service()
    for (let day = 12; day >= 0; day--) {
      for (const hour of [9, 12, 17]) {
        now = T0 - day * DAY + (hour - 14) * HOUR
        await s.write(snapshot(day * 100 + hour), summary({ day }, day * 100 + hour))
      }
    }
    now = T0 + 4 * HOUR
    await s.write(snapshot(9999), summary({ day: 0 }, 9999))
    const kept = await s.list()
    expect(kept).toHaveLength(10)
    expect(kept.slice(0, 3).map((b) => new Date(b.at).getUTCHours())).toEqual([18, 17, 12])
    const days = kept.slice(3).map((b) => utcDay(b.at))
    expect(new Set(days).size).toBe(days.length)
    expect((await readdir(dir)).filter((f) => f.startsWith('steady-backup-'))).toHaveLength(10)
  })

  it('leaves the previous backup intact when a write fails', async () => {
    const s = service()
    await s.write(snapshot(1), summary({ incidents: 1 }, 1))
    const [first] = await s.list()
    now += HOUR
    // Something in the way of the next file makes its final rename fail.
    const next = path.join(
      dir,
      `steady-backup-${new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..+/, '')}.json.gz`,
    )
    await mkdir(path.join(next, 'blocker'), { recursive: true })
    await expect(s.write(snapshot(2), summary({ incidents: 2 }, 2))).rejects.toThrow()
    expect(await s.list()).toEqual([first])
    expect(await readFile(path.join(dir, first!.name), 'utf8')).toBe(snapshot(1))
    expect((await readdir(dir)).some((f) => f.endsWith('.tmp'))).toBe(false)
  })

  it('writes a backup sent in pieces, reads it back in pieces, and drops one not finished', async () => {
    const s = service()
    const content = Buffer.from('x'.repeat(9 * 1024 * 1024))
    const token = await s.begin('scheduled')
    await Promise.all([
      s.append(token, content.subarray(0, 5)),
      s.append(token, content.subarray(5)),
    ])
    const written = await s.finish(token, summary({ incidents: 3 }))
    expect(written).toMatchObject({ size: content.length, counts: { incidents: 3 } })
    expect(written!.name).toMatch(/^steady-backup-\d{8}T\d{6}\.json\.gz$/)
    const first = await s.read(written!.name, 0)
    const rest = await s.read(written!.name, first.bytes.byteLength)
    expect(first.size).toBe(content.length)
    expect(Buffer.concat([first.bytes, rest.bytes]).equals(content)).toBe(true)
    // A backup begun and dropped (the page failed halfway) leaves no file and no entry.
    const dropped = await s.begin('scheduled')
    await s.append(dropped, content.subarray(0, 10))
    expect(await s.finish(dropped, null)).toBeNull()
    expect(await readdir(dir)).toEqual(['index.json', written!.name])
    await expect(s.read('steady-backup-nope.json.gz', 0)).rejects.toThrow(/no longer exists/)
  })

  it('keeps a backup taken before a restore even when nothing changed, and names it so', async () => {
    const s = service()
    await s.write(snapshot(1), summary({ incidents: 1 }, 1))
    now += 1000
    const undo = await s.write(snapshot(1), summary({ incidents: 1 }, 1), 'before-restore')
    expect(undo).toMatchObject({ reason: 'before-restore' })
    expect(undo!.name).toMatch(/-before-restore\.json\.gz$/)
    expect(await s.list()).toHaveLength(2)
  })

  it('at stop, drops a backup still being written, leaving no temporary file', async () => {
    const s = service()
    s.start()
    const token = await s.begin('quit')
    await s.append(token, gzip('half of it'))
    s.stop()
    await vi.waitFor(async () => expect(await readdir(dir)).toEqual([]))
    await expect(s.finish(token, summary({}))).rejects.toThrow(/no longer being written/)
  })
})

const gzip = (text: string) => new Uint8Array(gzipSync(text))

describe('backupsToKeep', () => {
  it('keeps at most three of today, newest first', () => {
    const today = [1, 2, 3, 4].map((h) => ({ at: T0 + h * 60_000 }))
    expect(backupsToKeep(today, T0 + HOUR, utcDay).map((b) => b.at)).toEqual(
      [4, 3, 2].map((h) => T0 + h * 60_000),
    )
  })
})
