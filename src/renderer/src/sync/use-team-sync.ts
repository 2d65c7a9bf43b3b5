/**
 * Starts the team's sync when this app has joined a team. Yjs and the Hocuspocus client load
 * only then: a solo user pays nothing for them at start.
 */
import { useEffect } from 'react'
import { create } from 'zustand'
import { db, eventStore } from '../db/instance'
import type { Platform } from '../platform'
import { loadTeamConfig, resolveTeamConfig } from './team-config'
import type { SharedDocument, SyncStatus, TeamSync } from './team-sync'

export const useSyncStatus = create<{ status: SyncStatus | null; people: string[] }>(() => ({
  status: null,
  people: [],
}))

let running: Promise<TeamSync | null> = Promise.resolve(null)

/** The incident's shared document and who is in it, in a team (null when alone). */
export async function sharedDocument(incidentId: string): Promise<SharedDocument | null> {
  return (await running)?.document(incidentId) ?? null
}

/** After an import (written beside the event store): what it brought goes to the team now. */
export function shareImported(): void {
  void running.then((sync) => sync?.shareLocal())
}

export function useTeamSync(platform: Pick<Platform, 'team'>): void {
  useEffect(() => {
    if (!loadTeamConfig()) return
    let stopped = false
    let stop = () => undefined as unknown
    running = Promise.all([resolveTeamConfig(platform.team), import('./team-sync')]).then(
      ([config, { TeamSync }]) => {
        if (stopped) return null
        if (!config) {
          // Joined, but the sealed secret no longer opens (another keyring, another computer).
          useSyncStatus.setState({
            status: {
              state: 'offline',
              since: null,
              waiting: 0,
              refused: 'the team secret could not be read here: leave the team and join again',
              unreadable: 0,
            },
          })
          return null
        }
        const sync = new TeamSync(db, config, eventStore)
        const off = sync.onStatus((status) => useSyncStatus.setState({ status }))
        const offPeople = sync.onPeople((people) => useSyncStatus.setState({ people }))
        stop = () => {
          off()
          offPeople()
          return sync.stop()
        }
        void sync.start()
        return sync
      },
    )
    return () => {
      stopped = true
      running = Promise.resolve(null)
      void stop()
    }
  }, [platform])
}
