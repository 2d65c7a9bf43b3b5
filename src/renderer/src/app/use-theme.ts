import { useEffect } from 'react'
import type { ThemeChoice } from '../stores/ui-store'

/** Sets data-theme on <html>; "system" removes it so the CSS follows prefers-color-scheme. */
export function useTheme(theme: ThemeChoice): void {
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = theme
  }, [theme])
}
