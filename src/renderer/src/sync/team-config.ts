/**
 * Joining a team: the sync server's address, the team secret and this person's name, kept in
 * this browser profile's localStorage (not in the database, so no export or backup ever carries
 * the secret). The page may only connect to that one server: the Content-Security-Policy allows
 * ws: and wss: in general, and the page narrows it at start to the configured origin (a policy
 * can only be narrowed), so joining another server takes a reload.
 */
import { z } from 'zod'

const KEY = 'steady-team'

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
    const parsed = teamConfigSchema.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function saveTeamConfig(config: TeamConfig | null, storage: Storage = localStorage): void {
  if (config) storage.setItem(KEY, JSON.stringify(teamConfigSchema.parse(config)))
  else storage.removeItem(KEY)
}

/** The origin the page may connect to besides itself: the server's, or none. */
export const serverOrigin = (config: TeamConfig | null): string | null =>
  config ? new URL(config.url).origin : null

/**
 * Narrows where the page may connect: to itself and the configured server only. Added before any
 * sync code runs; a second policy can only take away, never add.
 */
export function narrowConnections(doc: Document, config: TeamConfig | null): void {
  const meta = doc.createElement('meta')
  meta.httpEquiv = 'Content-Security-Policy'
  const origin = serverOrigin(config)
  meta.content = `connect-src 'self'${origin ? ` ${origin}` : ''}`
  doc.head.append(meta)
}
