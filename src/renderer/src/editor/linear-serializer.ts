/**
 * prosemirror-markdown's serializer, in time that grows with the document's length rather than
 * its square. Its state appends to one string and, at every block it closes, reads that string's
 * last character; V8 copies a string built by appending into one piece whenever it is read by
 * index, so each block copied all the output before it (a 50-page post-mortem: 20 ms alone, 60 ms
 * in one task while every post-mortem was exported). This state sets aside all but the last two
 * characters once its output passes a few kilobytes: the state never reads further back than two
 * (`atBlank`, and the `!` before a link in `text`). The output is the same, character for
 * character (linear-serializer.test.ts).
 */
import type { Node as PmNode } from '@tiptap/pm/model'
import { MarkdownSerializerState, type MarkdownSerializer } from 'prosemirror-markdown'

/**
 * The state's internals this relies on, absent from its published types (prosemirror-markdown is
 * pinned to the version read: a new one is read again before it is taken).
 */
type StateWithInternals = new (
  nodes: MarkdownSerializer['nodes'],
  marks: MarkdownSerializer['marks'],
  options: MarkdownSerializer['options'] & { tightLists?: boolean },
) => MarkdownSerializerState & { out: string; atBlank(): boolean }

/** Output longer than this is set aside but for its last KEEP characters. */
const SET_ASIDE = 4096
const KEEP = 2

class LinearState extends (MarkdownSerializerState as unknown as StateWithInternals) {
  private readonly before: string[] = []

  override atBlank(): boolean {
    if (this.out.length > SET_ASIDE) {
      this.before.push(this.out.slice(0, -KEEP))
      this.out = this.out.slice(-KEEP)
    }
    return super.atBlank()
  }

  whole(): string {
    return this.before.join('') + this.out
  }
}

/** `serializer.serialize(content, options)`, in linear time. */
export function serializeLinear(
  serializer: MarkdownSerializer,
  content: PmNode,
  options: { tightLists?: boolean } = {},
): string {
  const { nodes, marks } = serializer
  const state = new LinearState(nodes, marks, { ...serializer.options, ...options })
  state.renderContent(content)
  return state.whole()
}
