import type { Command } from '../commands/command'
import { formatShortcut } from '../commands/shortcut'

const ariaKeys = (c: Command) =>
  c.shortcut
    ? [
        c.shortcut.mod && 'Control',
        c.shortcut.alt && 'Alt',
        c.shortcut.shift && 'Shift',
        c.shortcut.key,
      ]
        .filter(Boolean)
        .join('+')
    : undefined

/** A button for a command: its label, and its shortcut in the tooltip and beside the label. */
export function CommandButton({
  command,
  variant = 'primary',
}: {
  command: Command
  variant?: 'primary' | 'secondary' | 'quiet'
}) {
  const shortcut = command.shortcut ? formatShortcut(command.shortcut) : null
  return (
    <button
      type="button"
      className={`button ${variant}`}
      disabled={command.enabled === false}
      title={shortcut ? `${command.label} (${shortcut})` : command.label}
      aria-keyshortcuts={ariaKeys(command)}
      onClick={() => void command.run()}
    >
      {command.label}
      {shortcut && <kbd className="button-kbd">{shortcut}</kbd>}
    </button>
  )
}
