/**
 * Joining a team: the sync server's address, the team secret and this person's name, kept in
 * this browser profile's localStorage (not in the database, so no export or backup ever carries
 * the secret). The page may only connect to that one server (boot/connections.ts narrows the
 * policy at start), so joining another server takes a reload.
 */
import { z } from 'zod'
import { TEAM_CONFIG_KEY } from '../boot/connections'

export const teamConfigSchema = z.object({
  url: z
    .string()
    .max(500)
    .refine((value) => {
      try {
        const url = new URL(value)
        return (url.protocol === 'ws:' || url.protocol === 'wss:') && !url.username && !url.password
      } catch {
        return false
      }
    }, 'a ws:// or wss:// address'),
  secret: z.string().min(16, 'at least 16 characters').max(500),
  name: z.string().trim().min(1, 'your name').max(200),
})
export type TeamConfig = z.infer<typeof teamConfigSchema>

export function loadTeamConfig(storage: Storage = localStorage): TeamConfig | null {
  try {
    const parsed = teamConfigSchema.safeParse(
      JSON.parse(storage.getItem(TEAM_CONFIG_KEY) ?? 'null'),
    )
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function saveTeamConfig(config: TeamConfig | null, storage: Storage = localStorage): void {
  if (config) storage.setItem(TEAM_CONFIG_KEY, JSON.stringify(teamConfigSchema.parse(config)))
  else storage.removeItem(TEAM_CONFIG_KEY)
}
