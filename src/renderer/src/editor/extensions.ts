import type { AnyExtension } from '@tiptap/core'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { DOCUMENT_LINKS, isAllowedLink } from '@shared/links'
import { ActionItemsNode, RecordSection } from './nodes'

/**
 * The post-mortem's schema: what the editor edits and what the Markdown export reads. Links are
 * limited to the external-link allowlist, whether typed, pasted or autolinked.
 */
export const postmortemExtensions: AnyExtension[] = [
  StarterKit.configure({
    link: {
      openOnClick: false,
      autolink: true,
      protocols: ['http', 'https', 'mailto'],
      isAllowedUri: (url) => isAllowedLink(url, DOCUMENT_LINKS),
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
    },
  }),
  TaskList,
  TaskItem.configure({ nested: true }),
  TableKit.configure({ table: { resizable: false } }),
  RecordSection,
  ActionItemsNode,
]
