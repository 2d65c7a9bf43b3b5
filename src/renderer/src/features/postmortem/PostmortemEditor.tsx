/**
 * The post-mortem's rich-text editor (Tiptap). Loaded on demand: the rest of the app starts
 * without it. Pasted HTML is sanitised before the editor's schema sees it; links must pass the
 * external-link allowlist and open only through the platform, on Ctrl/Cmd+click.
 */
import { SECTION_PROMPTS, type PostmortemDoc } from '@shared/domain/postmortem'
import { DOCUMENT_LINKS, isAllowedLink } from '@shared/links'
import { Collaboration } from '@tiptap/extension-collaboration'
import { Placeholder } from '@tiptap/extensions'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { POSTMORTEM_FIELD, postmortemOf } from '@shared/sync/incident-doc'
import type { SharedDocument } from '../../sync/team-sync'
import { CollaborationCursors } from '../../editor/collaboration-cursors'
import {
  EditorContent,
  NodeViewWrapper,
  ReactNodeViewRenderer,
  useEditor,
  type Editor,
} from '@tiptap/react'
import DOMPurify from 'dompurify'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { usePlatform } from '../../platform/platform-context'
import { ActionItemsSummary } from '../action-items/ActionItemsSummary'
import {
  collaborativeExtensions,
  keepNodeViews,
  postmortemExtensions,
} from '../../editor/extensions'
import { BlamelessLanguage } from '../../editor/blameless'
import { ActionItemsNode } from '../../editor/nodes'
import { docProblem } from '../../editor/schema'
import { Toolbar } from '../../editor/Toolbar'

interface PostmortemEditorProps {
  incidentId: string
  initial: PostmortemDoc
  onChange: (doc: PostmortemDoc) => void
  onBlur: () => void
  /** Every edit the user makes, at once (saving waits a moment; knowing someone types does not). */
  onEdit?: () => void
  /** Hands the editor to the screen, for "Refresh from record". */
  onReady?: (editor: Editor) => void
  /** False for a final post-mortem: it is read, not edited, until "Edit again". */
  editable?: boolean
  /**
   * In a team: the incident's shared document, whose post-mortem everyone edits at once. An empty
   * one is seeded with `initial` (the document as this machine has it).
   */
  shared?: SharedDocument | null
}

/**
 * The action items, live from the database, wherever the document places them. Read-only here:
 * they are edited in one place (the table under the document, and on the prevention screen).
 */
const ActionItemsView = ({ extension }: { extension: { options: { incidentId: string } } }) => (
  <NodeViewWrapper className="doc-action-items" contentEditable={false}>
    <ActionItemsSummary incidentId={extension.options.incidentId} />
  </NodeViewWrapper>
)

export function sanitizePastedHtml(html: string): string {
  const clean = DOMPurify.sanitize(html, {
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'iframe', 'object', 'embed', 'form'],
    FORBID_ATTR: ['style', 'class', 'id'],
  })
  // Links that fail the allowlist keep their text and lose their target.
  const template = document.createElement('template')
  template.innerHTML = clean
  for (const a of template.content.querySelectorAll('a')) {
    if (!isAllowedLink(a.getAttribute('href'), DOCUMENT_LINKS)) a.removeAttribute('href')
  }
  return template.innerHTML
}

/**
 * A document this version cannot represent is shown as refused, never opened: the editor would
 * show it empty and the next keystroke would save that emptiness over the user's words.
 */
export default function PostmortemEditor(props: PostmortemEditorProps) {
  const [problem] = useState(() => docProblem(props.initial))
  if (problem)
    return (
      <div className="correction-banner" role="alert">
        <p>
          This post-mortem {problem}. It is kept exactly as it was and is not opened here, so
          nothing in it can be lost. Open it with the Steady that made it, or export everything
          (Settings) to keep a copy.
        </p>
      </div>
    )
  return <DocumentEditor {...props} />
}

function DocumentEditor({
  incidentId,
  initial,
  onChange,
  onBlur,
  onEdit,
  onReady,
  editable = true,
  shared,
}: PostmortemEditorProps) {
  const platform = usePlatform()
  const [extensions] = useState(() => [
    ...(shared ? collaborativeExtensions : postmortemExtensions).filter(
      (e) => e.name !== ActionItemsNode.name,
    ),
    ...(shared
      ? [
          Collaboration.configure({ document: shared.doc, field: POSTMORTEM_FIELD }),
          CollaborationCursors.configure({
            awareness: shared.awareness ?? null,
            name: shared.name,
          }),
        ]
      : []),
    ActionItemsNode.extend({
      addOptions: () => ({ incidentId }),
      addNodeView: () => ReactNodeViewRenderer(ActionItemsView),
    }),
    BlamelessLanguage,
    Placeholder.configure({
      includeChildren: false,
      // Every empty section shows its prompt, not only the one with the cursor.
      showOnlyCurrent: false,
      placeholder: ({ editor, pos, node }) => {
        if (node.type.name !== 'paragraph') return ''
        // WARNING: while a whole new document is set ("Refresh from record"), the placeholder is
        // asked about positions in the new document before `editor.state` holds it; resolving
        // such a position in the old one threw "Position N out of range" and aborted the refresh.
        const doc = editor.state.doc
        if (pos < 0 || pos > doc.content.size || doc.nodeAt(pos) !== node) return ''
        const $pos = doc.resolve(pos)
        const before = $pos.index() > 0 ? $pos.parent.child($pos.index() - 1) : null
        return before?.type.name === 'heading' ? (SECTION_PROMPTS[before.textContent] ?? '') : ''
      },
    }),
  ])
  // Before the editor: a shared document fills it while it is being made, which is an update.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  const maxWait = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef<{
    editor: Editor | null
    onChange: typeof onChange
    onEdit: typeof onEdit
  }>({
    editor: null,
    onChange,
    onEdit,
  })
  const editor = useEditor({
    extensions,
    // A shared document brings its own content (and is seeded below when it has none yet).
    ...(shared ? {} : { content: initial }),
    editable,
    injectCSS: false,
    immediatelyRender: true,
    onBeforeCreate: keepNodeViews,
    editorProps: {
      attributes: { 'aria-label': 'Post-mortem document', class: 'prose', spellcheck: 'true' },
      transformPastedHTML: sanitizePastedHtml,
      handleDOMEvents: {
        click: (_view, event) => {
          const link = (event.target as HTMLElement).closest('a')
          if (!link || !(event.ctrlKey || event.metaKey)) return false
          event.preventDefault()
          void platform.openExternal(link.getAttribute('href') ?? '')
          return true
        },
      },
    },
    onUpdate: ({ transaction }) => {
      latest.current.onEdit?.()
      scheduleSave()
      // A change typed here (not one arriving from a teammate) records who wrote in it.
      const remote = (transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean })
        ?.isChangeOrigin
      if (shared && transaction.docChanged && !remote) noteEditor(shared)
    },
    onBlur: () => {
      saveNow()
      onBlur()
    },
  })
  // A shared post-mortem nobody has written yet starts from this machine's document.
  useEffect(() => {
    if (!editor || !shared) return
    const seed = () => {
      if (postmortemOf(shared.doc).length === 0) editor.commands.setContent(initial)
    }
    // The editor takes commands once its view exists.
    if (editor.isInitialized) seed()
    else editor.once('create', seed)
    return () => {
      editor.off('create', seed)
    }
    // Once, when the editor is made: later changes to `initial` are this editor's own saves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor])
  useEffect(() => {
    if (editor) onReady?.(editor)
  }, [editor, onReady])
  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable, false)
  }, [editor, editable])

  // Serialising a long document on every keystroke blocks typing, so the document is handed to
  // autosave (whose journal is synchronous) a quarter second after typing pauses, at least every
  // 300 ms while typing goes on, at once on blur, and at once when the page is hidden or closed:
  // closing the window never drops the last words, and a kill loses well under a second.
  useLayoutEffect(() => {
    latest.current = { editor, onChange, onEdit }
  })
  function saveNow(): void {
    if (pending.current === null) return
    clearTimeout(pending.current)
    pending.current = null
    if (maxWait.current !== null) clearTimeout(maxWait.current)
    maxWait.current = null
    const { editor: current, onChange: change } = latest.current
    if (current && !current.isDestroyed) change(current.getJSON() as PostmortemDoc)
  }
  function scheduleSave(): void {
    if (pending.current !== null) clearTimeout(pending.current)
    pending.current = setTimeout(saveNow, 250)
    // WARNING: the pause never comes while someone types without stopping; this does.
    maxWait.current ??= setTimeout(saveNow, 200)
  }
  useEffect(() => {
    const onHide = () => saveNow()
    window.addEventListener('pagehide', onHide)
    document.addEventListener('visibilitychange', onHide)
    return () => {
      saveNow()
      window.removeEventListener('pagehide', onHide)
      document.removeEventListener('visibilitychange', onHide)
    }
  }, [])
  return (
    <div className="editor" data-readonly={!editable || undefined}>
      {editable && <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
      {shared && <WrittenBy shared={shared} />}
    </div>
  )
}

/** Who has written in a shared post-mortem: name → when they last did. */
const editorsOf = (shared: SharedDocument) => shared.doc.getMap<number>('editors')

/** Notes this person as an editor, at most once a minute (a keystroke is not worth an update). */
function noteEditor(shared: SharedDocument): void {
  const editors = editorsOf(shared)
  const now = Date.now()
  if (now - (editors.get(shared.name) ?? 0) > 60_000) editors.set(shared.name, now)
}

/** "Written by Ana and Ben", under a shared post-mortem. */
function WrittenBy({ shared }: { shared: SharedDocument }) {
  const [names, setNames] = useState<string[]>([])
  useEffect(() => {
    const editors = editorsOf(shared)
    const read = () => setNames([...editors.keys()].filter((n) => n.length <= 200).sort())
    read()
    editors.observe(read)
    return () => editors.unobserve(read)
  }, [shared])
  if (!names.length) return null
  return <p className="muted small written-by">Written by {listOfNames(names)}.</p>
}

const listOfNames = (names: readonly string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
