/**
 * Commands a screen adds while it is shown (its primary action, say), so the palette and the
 * shortcuts find them beside the app's own.
 */
import { useLayoutEffect } from 'react'
import { create } from 'zustand'
import type { Command } from './command'

export const useScreenCommands = create<{ byOwner: Map<symbol, Command[]> }>(() => ({
  byOwner: new Map(),
}))

export const allScreenCommands = (byOwner: Map<symbol, Command[]>): Command[] =>
  [...byOwner.values()].flat()

export function useRegisterCommands(commands: Command[]): void {
  // Before paint: a shortcut pressed as soon as the screen shows must find its commands.
  useLayoutEffect(() => {
    const owner = Symbol('screen')
    useScreenCommands.setState((s) => ({ byOwner: new Map(s.byOwner).set(owner, commands) }))
    return () =>
      useScreenCommands.setState((s) => {
        const byOwner = new Map(s.byOwner)
        byOwner.delete(owner)
        return { byOwner }
      })
  }, [commands])
}
