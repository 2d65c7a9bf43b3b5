import { useEffect } from 'react'
import type { Platform } from '../../platform'
import { writeBackup } from './backup-files'

/** Answers the main process's backup requests (every 15 minutes, and at quit) with a snapshot. */
export function useBackupResponder(platform: Platform): void {
  useEffect(
    () =>
      platform.onBackupRequest((reason) => {
        // Pending words first (writeBackup flushes them): the backup holds what the user sees.
        if (platform.backups) void writeBackup(platform.backups, reason)
      }),
    [platform],
  )
}
