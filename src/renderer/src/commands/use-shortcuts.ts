import { useLayoutEffect } from 'react'
import type { Command } from './command'
import { isTypingTarget, matchesShortcut } from './shortcut'

/** Runs the command whose shortcut matches a key press anywhere in the window. */
export function useShortcuts(commands: readonly Command[]): void {
  // A layout effect: the keys work from the first painted frame.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return
      const command = commands.find(
        (c) => c.enabled !== false && c.shortcut && matchesShortcut(event, c.shortcut),
      )
      if (!command?.shortcut) return
      const plainKey = !command.shortcut.mod && !command.shortcut.alt
      if (plainKey && isTypingTarget(event.target)) return
      event.preventDefault()
      void command.run()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [commands])
}
