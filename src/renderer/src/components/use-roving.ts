import { useState, type KeyboardEvent } from 'react'

/**
 * One Tab stop for a row of buttons (the WAI-ARIA toolbar pattern): the current one is tabbable,
 * arrows, Home and End move between them. Spread `item(i)` on each button and `onKeyDown` on the
 * container, which must hold them as `selector`.
 */
export function useRoving(count: number, selector = 'button') {
  const [current, setCurrent] = useState(0)
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: count - 1,
    }
    const next = moves[e.key]
    if (next === undefined) return
    e.preventDefault()
    const to = (next + count) % count
    setCurrent(to)
    e.currentTarget.querySelectorAll<HTMLElement>(selector)[to]?.focus()
  }
  const item = (index: number) => ({
    tabIndex: index === current ? 0 : -1,
    onFocus: () => setCurrent(index),
  })
  return { onKeyDown, item }
}
