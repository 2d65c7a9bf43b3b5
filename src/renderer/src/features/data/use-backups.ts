import { useEffect } from 'react'
import { allAutosaves, db } from '../../db/instance'
import { snapshotOf } from '../../db/transfer'
import type { Platform } from '../../platform'

/** Answers the main process's backup requests (every 15 minutes, and at quit) with a snapshot. */
export function useBackupResponder(platform: Platform): void {
  useEffect(
    () =>
      platform.onBackupRequest((reason) => {
        void (async () => {
          // Pending words first: the backup holds what the user sees.
          await Promise.all(allAutosaves.map((a) => a.flush()))
          await platform.backups?.write({ ...(await snapshotOf(db)), reason })
        })()
      }),
    [platform],
  )
}
