import type Dexie from 'dexie'
import { CURRENT_VERSION } from './schema'

/**
 * Database failures as values the UI can show. The database is never deleted or recreated to get
 * past one of these: the user's record matters more than a clean start.
 */
export type DbErrorKind =
  'newer-version' | 'quota' | 'blocked' | 'open-failed' | 'write-failed' | 'invalid' | 'not-found'

export class DbError extends Error {
  constructor(
    readonly kind: DbErrorKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message)
    this.name = 'DbError'
  }
}

const names = (error: unknown): string[] => {
  const out: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { name?: unknown; inner?: unknown; cause?: unknown }
    if (typeof e.name === 'string') out.push(e.name)
    current = e.inner ?? e.cause
  }
  return out
}

export function toDbError(error: unknown, during: 'open' | 'write'): DbError {
  if (error instanceof DbError) return error
  const found = names(error)
  if (found.includes('VersionError'))
    return new DbError(
      'newer-version',
      'Your data was saved by a newer version of Steady. Install that version again to open it; nothing was changed.',
      error,
    )
  if (found.includes('QuotaExceededError'))
    return new DbError(
      'quota',
      'The disk is full, or storage for Steady is exhausted, so this change was not saved. Free some space; what you are typing is kept on screen.',
      error,
    )
  if (found.includes('BlockedError') || found.includes('DatabaseClosedError'))
    return new DbError(
      'blocked',
      'Steady is open in another window that holds the database. Close it and try again.',
      error,
    )
  const detail = error instanceof Error ? error.message : String(error)
  return during === 'open'
    ? new DbError(
        'open-failed',
        `Steady couldn't open its data: ${detail}. Nothing was deleted.`,
        error,
      )
    : new DbError('write-failed', `This change was not saved: ${detail}`, error)
}

/** The version a database is at on disk, without opening (and so without changing) it. */
async function installedVersion(name: string): Promise<number | null> {
  if (typeof indexedDB === 'undefined' || !indexedDB.databases) return null
  const found = (await indexedDB.databases()).find((d) => d.name === name)
  // Dexie stores schema version N as IndexedDB version N * 10.
  return found?.version ? found.version / 10 : null
}

/**
 * Opens the database, turning any failure into a DbError. A database that a newer Steady upgraded
 * is refused before it is opened: Dexie 4 would open it anyway (and adjust its schema), and the old
 * code would then misread it.
 */
export async function openDatabase<T extends Dexie>(
  db: T,
  currentVersion = CURRENT_VERSION,
): Promise<T> {
  try {
    const installed = await installedVersion(db.name)
    if (installed !== null && installed > currentVersion)
      throw toDbError({ name: 'VersionError' }, 'open')
    await db.open()
    return db
  } catch (error) {
    throw toDbError(error, 'open')
  }
}
