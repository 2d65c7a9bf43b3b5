/**
 * Blameless-language highlights as the user types: the domain's checker over each paragraph the
 * user writes (never over the parts generated from the record), each flag with its reason and a
 * suggestion on hover. Only the paragraphs a change touches are checked again, so typing in a
 * long document stays as fast as without it. It never blocks; the review gate lists the same.
 */
import { Extension } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { languageFindings } from '@shared/domain/language'

export const blamelessKey = new PluginKey<DecorationSet>('blameless-language')

/** The flags of one text block at `pos`. */
function flagsOf(block: PmNode, pos: number): Decoration[] {
  // Text children only: a hard break or other inline leaf splits the text, as it reads.
  let text = ''
  const starts: { at: number; pos: number }[] = []
  block.forEach((child, offset) => {
    if (!child.isText) return
    starts.push({ at: text.length, pos: pos + 1 + offset })
    text += child.text ?? ''
  })
  const toPos = (index: number) => {
    let segment = starts[0]
    for (const s of starts) if (s.at <= index) segment = s
    return segment ? segment.pos + (index - segment.at) : pos + 1
  }
  return languageFindings(text).map((f) =>
    Decoration.inline(toPos(f.from), toPos(f.to), {
      class: 'blame-flag',
      title: `${f.reason} ${f.suggestion}`,
    }),
  )
}

/** Every text block the user writes between `from` and `to` (record sections are skipped). */
function eachWrittenBlock(
  doc: PmNode,
  from: number,
  to: number,
  visit: (block: PmNode, pos: number) => void,
): void {
  doc.nodesBetween(Math.max(0, from), Math.min(doc.content.size, to), (node, pos) => {
    if (node.type.name === 'recordSection' || node.type.name === 'actionItems') return false
    if (!node.isTextblock) return true
    visit(node, pos)
    return false
  })
}

/** The ranges a transaction changed, in the new document's positions. */
function changedRanges(tr: Transaction): [number, number][] {
  const ranges: [number, number][] = []
  tr.mapping.maps.forEach((map, i) => {
    const after = tr.mapping.slice(i + 1)
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      ranges.push([after.map(newStart, -1), after.map(newEnd, 1)])
    })
  })
  return ranges
}

export const BlamelessLanguage = Extension.create({
  name: 'blamelessLanguage',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: blamelessKey,
        state: {
          init: (_config, state) => {
            const flags: Decoration[] = []
            eachWrittenBlock(state.doc, 0, state.doc.content.size, (block, pos) =>
              flags.push(...flagsOf(block, pos)),
            )
            return DecorationSet.create(state.doc, flags)
          },
          apply: (tr, set) => {
            if (!tr.docChanged) return set
            let next = set.map(tr.mapping, tr.doc)
            for (const [from, to] of changedRanges(tr))
              eachWrittenBlock(tr.doc, from - 1, to + 1, (block, pos) => {
                next = next
                  .remove(next.find(pos, pos + block.nodeSize))
                  .add(tr.doc, flagsOf(block, pos))
              })
            return next
          },
        },
        props: {
          decorations: (state) => blamelessKey.getState(state),
        },
      }),
    ]
  },
})
