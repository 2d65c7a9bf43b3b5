/**
 * Steady's own nodes in the post-mortem document. Their views (React) are added by the editor;
 * these specs alone are enough for the schema, so the Markdown export needs no editor.
 */
import { Node, mergeAttributes } from '@tiptap/core'

/**
 * Content generated from the record; "Refresh from record" (and every export) replaces it, so it
 * is read-only in the editor: the user's own prose lives in the sections around it, never here.
 */
export const RecordSection = Node.create({
  name: 'recordSection',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    return {
      kind: {
        default: 'facts',
        parseHTML: (element) => element.getAttribute('data-record'),
        renderHTML: (attributes) => ({ 'data-record': attributes['kind'] as string }),
      },
    }
  },
  parseHTML: () => [{ tag: 'section[data-record]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'section',
    mergeAttributes(HTMLAttributes, { class: 'record-section', contenteditable: 'false' }),
    0,
  ],
})

/** Where the action items table goes; it always shows the items as they are now. */
export const ActionItemsNode = Node.create({
  name: 'actionItems',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,
  parseHTML: () => [{ tag: 'div[data-action-items]' }],
  renderHTML: () => ['div', { 'data-action-items': '' }],
})
