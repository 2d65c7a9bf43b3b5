/**
 * Which backups to keep: the last 3 from today, then the newest of each earlier day, 10 at most.
 * `dayOf` gives the local day of a time, so "today" is the user's today.
 */
export function backupsToKeep<T extends { at: number }>(
  backups: readonly T[],
  now: number,
  dayOf: (ms: number) => string = (ms) => new Date(ms).toDateString(),
): T[] {
  const newestFirst = [...backups].sort((a, b) => b.at - a.at)
  const today = dayOf(now)
  const keep: T[] = []
  const seenDays = new Set<string>()
  for (const backup of newestFirst) {
    const day = dayOf(backup.at)
    if (day === today) {
      if (keep.filter((b) => dayOf(b.at) === today).length < 3) keep.push(backup)
    } else if (!seenDays.has(day)) {
      seenDays.add(day)
      keep.push(backup)
    }
  }
  return keep.slice(0, 10)
}
