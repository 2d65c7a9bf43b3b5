/**
 * The incidents list narrowed by a filter without holding up the page. At 100,000 incidents one
 * pass over every summary takes 20–90 ms (each is a read from memory far from the one before), a
 * task the choice of a filter waited for. The first screen's worth is found in the render that
 * shows the choice; the rest a few milliseconds at a time after it, the list busy meanwhile.
 */
import { useEffect, useMemo, useState } from 'react'
import { yieldToPage } from '../../platform/perf'

/** A pass over `list` that can stop and go on: `rows` holds what was kept before `next`. */
export interface Narrowing<T> {
  readonly list: readonly T[]
  readonly keep: (item: T) => boolean
  readonly rows: T[]
  next: number
}

export const narrowing = <T>(list: readonly T[], keep: (item: T) => boolean): Narrowing<T> => ({
  list,
  keep,
  rows: [],
  next: 0,
})

/**
 * Goes on with the pass until the list ends, `enough` rows are kept, or `ms` have passed (the
 * clock is read every 500 items); true when the list has ended.
 */
export function narrowFor<T>(
  pass: Narrowing<T>,
  { ms, enough = Infinity }: { ms: number; enough?: number },
  now: () => number = () => performance.now(),
): boolean {
  const { list, keep, rows } = pass
  const until = now() + ms
  let n = pass.next
  while (n < list.length && rows.length < enough) {
    const item = list[n++] as T
    if (keep(item)) rows.push(item)
    if (n % 500 === 0 && now() > until) break
  }
  pass.next = n
  return n >= list.length
}

/** Rows the first render looks for: more than a tall window shows. */
export const FIRST_ROWS = 50
/** How long the page is held by one slice, the first included. */
export const SLICE_MS = 8

/**
 * What `keep` keeps of `list`, in order (all of it when there is no `keep`), and whether that is
 * every one yet. A new list or test starts again; an answer never mixes two.
 */
export function useNarrowed<T>(
  list: readonly T[],
  keep: ((item: T) => boolean) | null,
): { rows: readonly T[]; complete: boolean } {
  const first = useMemo(() => {
    if (!keep) return null
    const pass = narrowing(list, keep)
    const complete = narrowFor(pass, { ms: SLICE_MS, enough: FIRST_ROWS })
    return { pass, rows: pass.rows.slice(), complete }
  }, [list, keep])
  // The pass that has ended: this render's answer when it is this render's pass.
  const [done, setDone] = useState<Narrowing<T> | null>(null)
  useEffect(() => {
    if (!first || first.complete) return
    let live = true
    void (async () => {
      do {
        await yieldToPage()
        if (!live) return
      } while (!narrowFor(first.pass, { ms: SLICE_MS }))
      setDone(first.pass)
    })()
    return () => {
      live = false
    }
  }, [first])
  if (!first) return { rows: list, complete: true }
  if (first.complete || done === first.pass) return { rows: first.pass.rows, complete: true }
  return { rows: first.rows, complete: false }
}
