import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { PHASE_LABELS } from '@shared/domain/timeline'
import { Dialog } from '../components/Dialog'
import { useRecentIncidents } from '../db/hooks'
import { displayTitle } from '../features/phase/labels'
import { useUi } from '../stores/ui-store'
import { filterCommands, type Command } from '../commands/command'
import { formatShortcut } from '../commands/shortcut'

interface CommandPaletteProps {
  commands: readonly Command[]
  onClose: () => void
}

export function CommandPalette({ commands, onClose }: CommandPaletteProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const recent = useRecentIncidents(8)
  const route = useUi((s) => s.route)
  // Recent incidents to jump to, after the actions: "Go to checkout 502".
  const all = useMemo<Command[]>(() => {
    const here = route.screen === 'incident' ? route.id : null
    const jumps = (recent ?? [])
      .filter((i) => i.id !== here)
      .map<Command>((i) => ({
        id: `go.${i.id}`,
        label: `Go to ${displayTitle(i)}`,
        keywords: `incident ${i.severity ?? ''} ${PHASE_LABELS[i.phase]}`,
        group: 'incident',
        run: () => useUi.getState().navigate({ screen: 'incident', id: i.id }),
      }))
    return [...commands, ...jumps]
  }, [commands, recent, route])
  const matches = useMemo(() => filterCommands(all, query), [all, query])
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
