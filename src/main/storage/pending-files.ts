/**
 * Files the page writes in pieces (an export or a backup of any size: never one string in
 * memory, never one huge IPC message). Each is written to a temporary file beside its target and
 * renamed over it only when complete and flushed, like `writeFileAtomic`; a file abandoned
 * halfway (cancelled, the page gone, the app quitting) leaves nothing behind.
 */
import { randomBytes } from 'node:crypto'
import { open, rename, unlink, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { syncDirectory, tempPathFor } from './atomic-write'

interface Pending {
  target: string
  temp: string
  handle: FileHandle
  size: number
  /** Appends run one after another, in the order they came. */
  work: Promise<unknown>
}

/** How many files may be open for writing at once: a page cannot exhaust file handles. */
const MAX_OPEN = 8

export class PendingFiles {
  private readonly open = new Map<string, Pending>()

  /** Starts a file that will replace `target`; returns the token its pieces are sent with. */
  async begin(target: string): Promise<string> {
    if (this.open.size >= MAX_OPEN) throw new Error('Too many files are being written at once.')
    const temp = tempPathFor(target)
    const handle = await open(temp, 'w', 0o600)
    const token = randomBytes(16).toString('hex')
    this.open.set(token, { target, temp, handle, size: 0, work: Promise.resolve() })
    return token
  }

  /** Appends a piece. Pieces are written in the order they arrive. */
  async append(token: string, bytes: Uint8Array): Promise<void> {
    const file = this.get(token)
    const write = file.work.then(async () => {
      await file.handle.write(bytes)
      file.size += bytes.byteLength
    })
    file.work = write
    await write
  }

  /** Flushes the file to disk and puts it in place of its target. Returns where and its size. */
  async commit(token: string): Promise<{ path: string; size: number }> {
    const file = this.get(token)
    this.open.delete(token)
    try {
      await file.work
      await file.handle.sync()
      await file.handle.close()
      await rename(file.temp, file.target)
    } catch (error) {
      await file.handle.close().catch(() => undefined)
      await unlink(file.temp).catch(() => undefined)
      throw error
    }
    await syncDirectory(path.dirname(file.target))
    return { path: file.target, size: file.size }
  }

  /** Drops the file: its target is left as it was. Unknown tokens are ignored. */
  async abort(token: string): Promise<void> {
    const file = this.open.get(token)
    if (!file) return
    this.open.delete(token)
    await file.work.catch(() => undefined)
    await file.handle.close().catch(() => undefined)
    await unlink(file.temp).catch(() => undefined)
  }

  /** Drops every file still being written (the app quitting). */
  async abortAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((token) => this.abort(token)))
  }

  private get(token: string): Pending {
    const file = this.open.get(token)
    if (!file) throw new Error('That file is no longer being written.')
    return file
  }
}
