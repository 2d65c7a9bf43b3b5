import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { Dialog } from '../app/Dialog'
import { filterCommands, type Command } from './command'
import { formatShortcut } from './shortcut'

interface CommandPaletteProps {
  commands: readonly Command[]
  onClose: () => void
}

export function CommandPalette({ commands, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const matches = useMemo(() => filterCommands(commands, query), [commands, query])
  const current = Math.min(active, Math.max(matches.length - 1, 0))

  const run = (command: Command | undefined): void => {
    if (!command) return
    onClose()
    void command.run()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current + step + matches.length) % Math.max(matches.length, 1))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      run(matches[current])
    }
  }

  return (
    <Dialog label="Command palette" onClose={onClose} className="palette">
      <input
        className="palette-input"
        role="combobox"
        aria-label="Search commands"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[current] ? `${listId}-${current}` : undefined}
        placeholder="Type a command…"
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" role="listbox" id={listId} aria-label="Commands">
        {matches.map((command, index) => (
          <li
            key={command.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === current}
            className="palette-option"
            onMouseMove={() => setActive(index)}
            onClick={() => run(command)}
          >
            <span>{command.label}</span>
            {command.shortcut && <kbd>{formatShortcut(command.shortcut)}</kbd>}
          </li>
        ))}
      </ul>
      {matches.length === 0 && <p className="palette-empty">No command matches “{query}”.</p>}
    </Dialog>
  )
}
