/**
 * A long sorted list after a few of its items changed, without sorting it again: at 100,000
 * incidents (or 75,000 reminders) a sort is 50–100 ms of one task, and a change touches a few.
 */

/** Where `item` is, or would go, in `sorted` (in `compare` order). */
function placeOf<T>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (compare(sorted[mid] as T, item) < 0) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * `sorted` (in `compare` order, a total order) without the items of `gone` and with those of
 * `added`, each found by halving and the rest copied a run at a time; undefined when an item of
 * `gone` is not where `compare` puts it (then sort whole).
 */
export function patchSorted<T>(
  sorted: readonly T[],
  gone: readonly T[],
  added: readonly T[],
  compare: (a: T, b: T) => number,
): T[] | undefined {
  // Where each leaves or goes (before the item there), in order.
  const steps: { at: number; item: T; adds: boolean }[] = []
  for (const item of gone) {
    const at = placeOf(sorted, item, compare)
    if (sorted[at] !== item) return undefined
    steps.push({ at, item, adds: false })
  }
  for (const item of added) steps.push({ at: placeOf(sorted, item, compare), item, adds: true })
  // At one place, those added first (in order), then the one leaving.
  steps.sort(
    (x, y) =>
      x.at - y.at || (x.adds && y.adds ? compare(x.item, y.item) : Number(y.adds) - Number(x.adds)),
  )
  const runs: T[][] = []
  let from = 0
  for (const { at, item, adds } of steps) {
    runs.push(sorted.slice(from, at))
    if (adds) {
      runs.push([item])
      from = at
    } else from = at + 1
  }
  runs.push(sorted.slice(from))
  return ([] as T[]).concat(...runs)
}
