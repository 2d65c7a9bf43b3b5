/**
 * Asks the browser to keep Steady's data even under storage pressure. Granted silently for
 * installed apps (and Electron); a browser tab may say no, which the About panel shows.
 */
export type Persistence = 'persistent' | 'best-effort' | 'unknown'

export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = navigator.storage,
): Promise<Persistence> {
  if (!storage?.persist) return 'unknown'
  try {
    if (await storage.persisted()) return 'persistent'
    return (await storage.persist()) ? 'persistent' : 'best-effort'
  } catch {
    return 'unknown'
  }
}
