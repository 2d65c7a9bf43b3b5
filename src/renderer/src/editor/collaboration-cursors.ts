/**
 * Where each teammate is in a shared post-mortem: their caret with their name, and their
 * selection, through the Yjs cursor plugin of @tiptap/y-tiptap (the binding Tiptap's
 * Collaboration extension already uses) over the document's awareness. Drawn with classes, not
 * inline styles, so the Content-Security-Policy needs nothing more; a person keeps one colour
 * (from their name) on every machine. This machine is shown to others only while its editor is
 * open.
 */
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { Extension } from '@tiptap/core'
import { yCursorPlugin } from '@tiptap/y-tiptap'

export type Awareness = NonNullable<HocuspocusProvider['awareness']>

/** The palette (global.css has a class per colour: collab-color-0…5). */
export const CURSOR_COLORS = ['#c2410c', '#15803d', '#1d4ed8', '#a21caf', '#0f766e', '#b45309']

export function colorOf(name: string): string {
  let hash = 0
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return CURSOR_COLORS[hash % CURSOR_COLORS.length] ?? '#1d4ed8'
}

const colorClass = (color: unknown) =>
  `collab-color-${Math.max(0, CURSOR_COLORS.indexOf(String(color)))}`

/** A teammate's caret: a coloured bar with their name above it (text only, never markup). */
function caret(user: { name?: unknown; color?: unknown }): HTMLElement {
  const element = document.createElement('span')
  element.className = `collab-caret ${colorClass(user.color)}`
  const label = document.createElement('span')
  label.className = 'collab-caret-name'
  label.textContent = String(user.name ?? '').slice(0, 60)
  element.append('\u2060', label, '\u2060')
  return element
}

export const CollaborationCursors = Extension.create<{ awareness: Awareness | null; name: string }>(
  {
    name: 'collaborationCursors',
    addOptions: () => ({ awareness: null, name: '' }),
    addProseMirrorPlugins() {
      const { awareness, name } = this.options
      if (!awareness) return []
      awareness.setLocalState({ user: { name, color: colorOf(name) } })
      return [
        yCursorPlugin(awareness, {
          cursorBuilder: caret,
          selectionBuilder: (user: { color?: unknown }) => ({
            class: `collab-selection ${colorClass(user.color)}`,
          }),
        }),
      ]
    },
    onDestroy() {
      // Gone from the others' screens when this editor closes.
      this.options.awareness?.setLocalState(null)
    },
  },
)
