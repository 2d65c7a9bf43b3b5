import { Dialog } from '../components/Dialog'
import type { Command } from '../commands/command'
import { formatShortcut, type Shortcut } from '../commands/shortcut'

/** Keys that belong to a field rather than to a command, so no command lists them. */
const IN_FIELDS: { keys: Shortcut; what: string }[] = [
  {
    keys: { key: 'Enter' },
    what: 'In the timeline’s note box: add the note (Shift+Enter: new line)',
  },
  { keys: { key: 'Escape' }, what: 'Close a dialog, the palette or the timeline drawer' },
  { keys: { key: 'ArrowDown' }, what: 'In the palette and in a choice: the next one' },
]

/**
 * Every shortcut, from the same command definitions the keys and the palette use (`?`).
 * Shown while a screen is open, so its own actions (Ctrl+Enter) are listed too.
 */
export function ShortcutSheet({
  commands,
  onClose,
}: {
  commands: readonly Command[]
  onClose: () => void
}) {
  const seen = new Set<string>()
  const rows: { id: string; keys: string; label: string }[] = []
  for (const c of commands) {
    if (!c.shortcut || c.enabled === false) continue
    const keys = formatShortcut(c.shortcut)
    if (seen.has(keys)) continue
    seen.add(keys)
    rows.push({ id: c.id, keys, label: c.label })
  }
  return (
    <Dialog label="Keyboard shortcuts" onClose={onClose} className="shortcut-sheet">
      <h2>Keyboard shortcuts</h2>
      <table className="summary-table">
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <kbd>{row.keys}</kbd>
              </td>
              <td>{row.label}</td>
            </tr>
          ))}
          {IN_FIELDS.map((f) => (
            <tr key={f.what}>
              <td>
                <kbd>{formatShortcut(f.keys)}</kbd>
              </td>
              <td>{f.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
