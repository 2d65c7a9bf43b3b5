/**
 * Joining a team: the sync server's address, the team secret and this person's name. The address
 * and name are kept in this browser profile's localStorage (not in the database, so no export or
 * backup ever carries them). The secret, on the desktop, is sealed by the OS keyring in the main
 * process (`team` on the platform); in a browser, or on a desktop without a keyring, it stays
 * beside the address. The page may only connect to that one server (boot/connections.ts narrows
 * the policy at start), so joining another server takes a reload.
 */
import type { SteadyApi } from '@shared/ipc-contract'
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

/** What localStorage keeps: the secret only where no keyring keeps it. */
const storedSchema = teamConfigSchema.partial({ secret: true })
export type StoredTeamConfig = z.infer<typeof storedSchema>

/** Where the desktop keeps the secret (null in a browser). */
export type SecretKeeper = Pick<SteadyApi['team'], 'getSecret' | 'setSecret'> | null

/** The team joined, as far as this page can tell at once (the secret may be sealed elsewhere). */
export function loadTeamConfig(storage: Storage = localStorage): StoredTeamConfig | null {
  try {
    const parsed = storedSchema.safeParse(JSON.parse(storage.getItem(TEAM_CONFIG_KEY) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The team joined, with its secret (unsealed by the keeper); null when it is not whole. */
export async function resolveTeamConfig(
  keeper: SecretKeeper,
  storage: Storage = localStorage,
): Promise<TeamConfig | null> {
  const stored = loadTeamConfig(storage)
  if (!stored) return null
  const secret = stored.secret ?? (await keeper?.getSecret()) ?? undefined
  const parsed = teamConfigSchema.safeParse({ ...stored, secret })
  return parsed.success ? parsed.data : null
}

/**
 * Joins (or with null leaves) a team. Answers whether the secret is sealed by the OS keyring;
 * otherwise it is kept in this profile beside the address, as in a browser.
 */
export async function saveTeamConfig(
  config: TeamConfig | null,
  keeper: SecretKeeper,
  storage: Storage = localStorage,
): Promise<boolean> {
  if (!config) {
    await keeper?.setSecret(null)
    storage.removeItem(TEAM_CONFIG_KEY)
    return false
  }
  const { secret, ...rest } = teamConfigSchema.parse(config)
  const sealed = (await keeper?.setSecret(secret)) ?? false
  storage.setItem(TEAM_CONFIG_KEY, JSON.stringify(sealed ? rest : { ...rest, secret }))
  return sealed
}
