import { useSyncExternalStore } from 'react'

/** Whether a CSS media query matches now; re-renders when that changes (a resize, a zoom). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      if (typeof matchMedia !== 'function') return () => undefined
      const list = matchMedia(query)
      list.addEventListener('change', changed)
      return () => list.removeEventListener('change', changed)
    },
    () => typeof matchMedia === 'function' && matchMedia(query).matches,
  )
}
