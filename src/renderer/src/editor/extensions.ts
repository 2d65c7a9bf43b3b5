import type { AnyExtension, Editor } from '@tiptap/core'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { DOCUMENT_LINKS, isAllowedLink } from '@shared/links'
import { ActionItemsNode, RecordSection } from './nodes'

/**
 * The post-mortem's schema: what the editor edits and what the Markdown export reads. Links are
 * limited to the external-link allowlist, whether typed, pasted or autolinked.
 */
const starterKit = (undoRedo: boolean) =>
  StarterKit.configure({
    link: {
      openOnClick: false,
      autolink: true,
      protocols: ['http', 'https', 'mailto'],
      isAllowedUri: (url) => isAllowedLink(url, DOCUMENT_LINKS),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    },
    ...(undoRedo ? {} : { undoRedo: false as const }),
  })

const rest: AnyExtension[] = [
  TaskList,
  TaskItem.configure({ nested: true }),
  TableKit.configure({ table: { resizable: false } }),
  RecordSection,
  ActionItemsNode,
]

export const postmortemExtensions: AnyExtension[] = [starterKit(true), ...rest]

/** The same schema for a post-mortem written together: Yjs keeps the undo history there. */
export const collaborativeExtensions: AnyExtension[] = [starterKit(false), ...rest]

/**
 * Given to the editor's `onBeforeCreate`: its node and mark views made once. Tiptap hands the view
 * a fresh set when it is made and another when the page takes the editor (`createNodeViews`); new
 * functions read as changed views, so ProseMirror drew the whole document twice on every open
 * (about 80 ms for 50 pages). The views depend on nothing that changes after the editor is made.
 */
export function keepNodeViews({ editor }: { editor: Editor }): void {
  const manager = editor.extensionManager
  for (const key of ['nodeViews', 'markViews'] as const)
    Object.defineProperty(manager, key, { value: manager[key] })
}
