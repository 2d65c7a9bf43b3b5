import { useEffect } from 'react'
import { saveFirstFrame } from '../../boot/first-frame'
import { useUi } from '../../stores/ui-store'

/**
 * Keeps the picture the next start paints first (boot/first-frame.ts) up to date: a second after
 * the list changes, and when the window is hidden or closed. Only the plain list is saved: not a
 * search, a filter, an open dialog or a scrolled list, which the next start would not show.
 */
export function useFirstFrameSaver(enabled: boolean): void {
  useEffect(() => {
    const root = document.getElementById('root')
    if (!enabled || !root) return
    const save = (): void => {
      const scrolled = root.querySelector('.incident-list-scroll')?.scrollTop
      if (useUi.getState().overlay === null && !scrolled) saveFirstFrame(root)
    }
    let timer = setTimeout(save, 1000)
    const soon = (): void => {
      clearTimeout(timer)
      timer = setTimeout(save, 1000)
    }
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') save()
    }
    const observer = new MutationObserver(soon)
    observer.observe(root, { subtree: true, childList: true, characterData: true })
    window.addEventListener('pagehide', save)
    document.addEventListener('visibilitychange', onHide)
    return () => {
      clearTimeout(timer)
      observer.disconnect()
      window.removeEventListener('pagehide', save)
      document.removeEventListener('visibilitychange', onHide)
    }
  }, [enabled])
}
