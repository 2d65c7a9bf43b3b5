/**
 * Desktop-only preferences the main process needs before any window exists (tray, login item,
 * global shortcut). Kept in their own small file under the user-data folder.
 */
import { readFile } from 'node:fs/promises'
import {
  DEFAULT_DESKTOP_PREFERENCES,
  desktopPreferencesSchema,
  type DesktopPreferences,
} from '../../shared/ipc-contract'
import { writeFileAtomic } from '../storage/atomic-write'

export interface StoredPreferences extends DesktopPreferences {
  /** The "still running in the tray" hint is shown once. */
  trayHintShown: boolean
}

export async function loadPreferences(file: string): Promise<StoredPreferences> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    // Each preference on its own: one value an older version allowed never resets the others.
    const prefs: Record<string, unknown> = { ...DEFAULT_DESKTOP_PREFERENCES }
    for (const [key, schema] of Object.entries(desktopPreferencesSchema.shape)) {
      const parsed = schema.safeParse(raw[key])
      if (parsed.success) prefs[key] = parsed.data
    }
    return { ...(prefs as DesktopPreferences), trayHintShown: raw['trayHintShown'] === true }
  } catch {
    return { ...DEFAULT_DESKTOP_PREFERENCES, trayHintShown: false }
  }
}

export function savePreferences(file: string, prefs: StoredPreferences): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(prefs, null, 2))
}
