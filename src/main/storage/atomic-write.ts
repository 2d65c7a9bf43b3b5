/**
 * Writes a file so that a crash or a full disk never leaves it half-written: the data goes to a
 * temporary file beside the target, is flushed to disk, then renamed over the target in one step.
 */
import { randomBytes } from 'node:crypto'
import { open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target)
  const temp = tempPathFor(target)
  try {
    const handle = await open(temp, 'w', 0o600)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await syncDirectory(dir)
}

/** A hidden temporary file beside `target`, on the same disk, so the final rename is atomic. */
export const tempPathFor = (target: string): string =>
  path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`)

/** Makes the rename itself durable. Not possible on Windows, where opening a folder fails. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Best effort: the file content is already durable.
  }
}
