import type { Handle } from '../ipc/handle'
import type { BackupService } from './backup-service'

/**
 * The page's backup calls: write one in pieces (begin, append, finish), list them, read
 * one for a restore, show the folder.
 */
export function registerBackupIpc(
  handle: Handle,
  backups: BackupService,
  deps: { onQuitBackupWritten(): void; revealFolder(): Promise<unknown> },
): void {
  const quitting = new Set<string>()
  handle('backup:begin', async (reason) => {
    const token = await backups.begin(reason)
    if (reason === 'quit') quitting.add(token)
    return token
  })
  handle('backup:append', async (token, bytes) => {
    await backups.append(token, bytes)
    return null
  })
  handle('backup:finish', async (token, summary) => {
    try {
      return await backups.finish(token, summary)
    } finally {
      if (quitting.delete(token)) deps.onQuitBackupWritten()
    }
  })
  handle('backup:list', () => backups.list())
  handle('backup:read', (name, offset) => backups.read(name, offset))
  handle('backup:reveal', async () => {
    await deps.revealFolder()
    return null
  })
}
