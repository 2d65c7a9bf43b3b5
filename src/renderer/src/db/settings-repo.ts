import { settingsSchema, type Settings } from '@shared/domain/model'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { z } from 'zod'
import type { SteadyDb } from './database'
import { DbError, toDbError } from './errors'

/** Settings as saved, or the defaults; a row that no longer validates falls back to them too. */
export async function loadSettings(db: SteadyDb): Promise<Settings> {
  const row = await db.settings.get('settings')
  const parsed = settingsSchema.safeParse(row?.value)
  return parsed.success ? parsed.data : DEFAULT_SETTINGS
}

export async function saveSettings(db: SteadyDb, settings: Settings): Promise<Settings> {
  const parsed = settingsSchema.safeParse(settings)
  if (!parsed.success)
    throw new DbError('invalid', `Settings were not saved: ${z.prettifyError(parsed.error)}`)
  try {
    await db.settings.put({ key: 'settings', value: parsed.data })
    return parsed.data
  } catch (error) {
    throw toDbError(error, 'write')
  }
}

/** Services named on an incident join the catalog, so the next incident can pick them. */
export async function addServices(db: SteadyDb, names: readonly string[]): Promise<void> {
  const current = await loadSettings(db)
  const known = new Set(current.services.map((s) => s.name.toLowerCase()))
  const fresh = [...new Set(names.map((n) => n.trim()).filter(Boolean))].filter(
    (n) => !known.has(n.toLowerCase()),
  )
  if (!fresh.length || current.services.length + fresh.length > 200) return
  await saveSettings(db, {
    ...current,
    services: [...current.services, ...fresh.map((name) => ({ name, links: [] }))],
  })
}
