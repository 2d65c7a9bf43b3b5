import { DOCUMENT_LINKS, isAllowedLink } from '@shared/links'
import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import {
  Bold,
  Code,
  Heading2,
  Heading3,
  Italic,
  Link,
  List,
  ListChecks,
  ListOrdered,
  Quote,
  Table,
  type LucideIcon,
} from 'lucide-react'
import { useState } from 'react'
import { useRoving } from '../components/use-roving'
import { Dialog } from '../components/Dialog'
import { formatShortcut } from '../commands/shortcut'
import { ErrorText } from '../components/ErrorText'

interface Tool {
  label: string
  icon: LucideIcon
  shortcut?: { key: string; mod?: boolean; shift?: boolean; alt?: boolean }
  active?: (e: Editor) => boolean
  run: (e: Editor) => void
}

const TOOLS: Tool[] = [
  {
    label: 'Bold',
    icon: Bold,
    shortcut: { key: 'b', mod: true },
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'Italic',
    icon: Italic,
    shortcut: { key: 'i', mod: true },
    active: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    label: 'Heading',
    icon: Heading2,
    shortcut: { key: '2', mod: true, alt: true },
    active: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    label: 'Subheading',
    icon: Heading3,
    shortcut: { key: '3', mod: true, alt: true },
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: 'Bullet list',
    icon: List,
    shortcut: { key: '8', mod: true, shift: true },
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'Numbered list',
    icon: ListOrdered,
    shortcut: { key: '7', mod: true, shift: true },
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    label: 'Task list',
    icon: ListChecks,
    shortcut: { key: '9', mod: true, shift: true },
    active: (e) => e.isActive('taskList'),
    run: (e) => e.chain().focus().toggleTaskList().run(),
  },
  {
    label: 'Quote',
    icon: Quote,
    shortcut: { key: 'b', mod: true, shift: true },
    active: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    label: 'Code block',
    icon: Code,
    shortcut: { key: 'c', mod: true, alt: true },
    active: (e) => e.isActive('codeBlock'),
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
  },
  {
    label: 'Table',
    icon: Table,
    run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
  },
]

export function Toolbar({ editor }: { editor: Editor | null }) {
  const [linking, setLinking] = useState(false)
  // Re-render when the selection's marks change, so active buttons stay true.
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? TOOLS.map((t) => t.active?.(e) ?? false) : []),
  })
  // One Tab stop for the whole toolbar: arrows move within it.
  const { onKeyDown, item } = useRoving(TOOLS.length + 1, '.tool')
  if (!editor) return null
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={onKeyDown}>
      {TOOLS.map((tool, index) => {
        const Icon = tool.icon
        const hint = tool.shortcut ? `${tool.label} (${formatShortcut(tool.shortcut)})` : tool.label
        return (
          <button
            key={tool.label}
            type="button"
            className="tool"
            aria-label={tool.label}
            title={hint}
            aria-pressed={tool.active ? Boolean(active?.[index]) : undefined}
            {...item(index)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => tool.run(editor)}
          >
            <Icon size={16} aria-hidden="true" />
          </button>
        )
      })}
      <button
        type="button"
        className="tool"
        aria-label="Link"
        title="Link"
        aria-pressed={editor.isActive('link')}
        {...item(TOOLS.length)}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setLinking(true)}
      >
        <Link size={16} aria-hidden="true" />
      </button>
      {linking && <LinkDialog editor={editor} onClose={() => setLinking(false)} />}
    </div>
  )
}

function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const [href, setHref] = useState(() => String(editor.getAttributes('link')['href'] ?? 'https://'))
  const [error, setError] = useState<string | null>(null)
  return (
    <Dialog label="Link" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          const chain = editor.chain().focus().extendMarkRange('link')
          if (!href.trim()) {
            chain.unsetLink().run()
            return onClose()
          }
          if (!isAllowedLink(href.trim(), DOCUMENT_LINKS))
            return setError(
              'Only http, https and mailto links are allowed (no mail attachments). Nothing was changed.',
            )
          chain.setLink({ href: href.trim() }).run()
          onClose()
        }}
      >
        <h2>Link</h2>
        <div className="field">
          <label htmlFor="link-href" className="field-label">
            Address
          </label>
          <input
            id="link-href"
            className="input"
            autoFocus
            value={href}
            onChange={(e) => setHref(e.target.value)}
          />
          <p className="field-hint">Leave it empty to remove the link. Ctrl/Cmd+click opens it.</p>
        </div>
        <ErrorText message={error} />
        <div className="dialog-actions">
          <button type="button" className="button quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Save link
          </button>
        </div>
      </form>
    </Dialog>
  )
}
