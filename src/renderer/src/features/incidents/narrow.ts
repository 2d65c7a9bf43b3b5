/**
 * The incidents list narrowed without holding up the page: by a filter (at 100,000 incidents one
 * pass over every summary takes 20–90 ms, each a read from memory far from the one before), or to
 * a search's matches (their ids, each looked up among the summaries: 25–50 ms for 50,000). The
 * first screen's worth is found in the render that shows the choice or the answer; the rest a few
 * milliseconds at a time after it, the list busy meanwhile.
 */
import type { ListRow } from '@shared/domain/summary'
import { useEffect, useMemo, useState } from 'react'
import { yieldToPage } from '../../platform/perf'

/** What a pass keeps of an item: the row to show for it, or nothing. */
export type PickRow<T, R> = (item: T) => R | undefined

/** A filter as a pick: the item itself when it passes. */
export const kept =
  <T>(test: (item: T) => boolean): PickRow<T, T> =>
  (item) =>
    test(item) ? item : undefined

/** A pass over `list` that can stop and go on: `rows` holds what was kept before `next`. */
export interface Narrowing<T, R> {
  readonly list: readonly T[]
  readonly pick: PickRow<T, R>
  readonly rows: R[]
  next: number
}

export const narrowing = <T, R>(list: readonly T[], pick: PickRow<T, R>): Narrowing<T, R> => ({
  list,
  pick,
  rows: [],
  next: 0,
})

/**
 * Goes on with the pass until the list ends, `enough` rows are kept, or `ms` have passed (the
 * clock is read every 500 items); true when the list has ended.
 */
export function narrowFor<T, R>(
  pass: Narrowing<T, R>,
  { ms, enough = Infinity }: { ms: number; enough?: number },
  now: () => number = () => performance.now(),
): boolean {
  const { list, pick, rows } = pass
  const until = now() + ms
  let n = pass.next
  while (n < list.length && rows.length < enough) {
    const row = pick(list[n++] as T)
    if (row !== undefined) rows.push(row)
    if (n % 500 === 0 && now() > until) break
  }
  pass.next = n
  return n >= list.length
}

/** Rows the first render looks for: more than a tall window shows. */
export const FIRST_ROWS = 50
/** How long the page is held by one slice, the first included. */
export const SLICE_MS = 8

/** A narrowed list, and whether it holds every row yet. */
export interface Narrowed<R> {
  rows: readonly R[]
  complete: boolean
}

/**
 * What `pick` keeps of `list`, in order, and whether that is every one yet (no `pick`: the list
 * itself). A new list or pick starts again; an answer never mixes two.
 */
export function useNarrowed<T>(list: readonly T[], pick: PickRow<T, T> | null): Narrowed<T>
export function useNarrowed<T, R>(list: readonly T[], pick: PickRow<T, R>): Narrowed<R>
export function useNarrowed<T, R>(list: readonly T[], pick: PickRow<T, R> | null): Narrowed<T | R> {
  const first = useMemo(() => {
    if (!pick) return null
    const pass = narrowing(list, pick)
    const complete = narrowFor(pass, { ms: SLICE_MS, enough: FIRST_ROWS })
    return { pass, rows: pass.rows.slice(), complete }
  }, [list, pick])
  // The pass that has ended: this render's answer when it is this render's pass.
  const [done, setDone] = useState<Narrowing<T, R> | null>(null)
  useEffect(() => {
    if (!first || first.complete) return
    let live = true
    void (async () => {
      do {
        // After the page's other work, painting included: a continuation of the usual priority
        // runs ahead of the next frame, and the first rows waited for the whole pass (40 ms for
        // a common word's 30,000 matches at 100,000 incidents).
        await yieldToPage('background')
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

const NO_CHOICES = { services: [] as string[], tags: [] as string[] }

/**
 * The services and tags the list can be narrowed to: every one named by an incident. Gathered a
 * few milliseconds at a time after the list is shown, behind the page's painting (at 100,000
 * incidents a pass over them all took 50–100 ms in the task that showed the list whole).
 */
export function useFilterChoices(incidents: readonly ListRow[]) {
  const [choices, setChoices] = useState(NO_CHOICES)
  useEffect(() => {
    let live = true
    void (async () => {
      const services = new Set<string>()
      const tags = new Set<string>()
      let slice = performance.now()
      for (let n = 0; n < incidents.length; n++) {
        const incident = incidents[n] as ListRow
        for (const service of incident.services) services.add(service)
        for (const tag of incident.tags ?? []) tags.add(tag)
        if (n % 1000 === 999 && performance.now() - slice > SLICE_MS) {
          await yieldToPage('background')
          if (!live) return
          slice = performance.now()
        }
      }
      if (live) setChoices({ services: [...services].sort(), tags: [...tags].sort() })
    })()
    return () => {
      live = false
    }
  }, [incidents])
  return choices
}
