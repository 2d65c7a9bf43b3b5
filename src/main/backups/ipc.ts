import type { Handle } from '../ipc/handle'
import type { BackupService } from './backup-service'

/** The page's backup calls: write one, list them, restore one, show the folder. */
export function registerBackupIpc(
  handle: Handle,
  backups: BackupService,
  deps: { onQuitBackupWritten(): void; revealFolder(): Promise<unknown> },
): void {
  handle('backup:write', async ({ json, counts, reason }) => {
    const written = await backups.write(json, counts, reason)
    if (reason === 'quit') deps.onQuitBackupWritten()
    return written
  })
  handle('backup:list', () => backups.list())
  handle('backup:restore', (name, current) => backups.restore(name, current.json, current.counts))
  handle('backup:reveal', async () => {
    await deps.revealFolder()
    return null
  })
}
