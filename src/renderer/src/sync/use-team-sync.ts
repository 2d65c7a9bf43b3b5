/**
 * Starts the team's sync when this app has joined a team. Yjs and the Hocuspocus client load
 * only then: a solo user pays nothing for them at start.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import { db } from '../db/instance'
import { loadTeamConfig } from './team-config'
import type { SyncStatus } from './team-sync'

export const useSyncStatus = create<{ status: SyncStatus | null }>(() => ({ status: null }))

export function useTeamSync(): void {
  useEffect(() => {
    const config = loadTeamConfig()
    if (!config) return
    let stopped = false
    let stop = () => undefined as unknown
    void import('./team-sync').then(({ TeamSync }) => {
      if (stopped) return
      const sync = new TeamSync(db, config)
      const off = sync.onStatus((status) => useSyncStatus.setState({ status }))
      stop = () => {
        off()
        return sync.stop()
      }
      return sync.start()
    })
    return () => {
      stopped = true
      void stop()
    }
  }, [])
}
