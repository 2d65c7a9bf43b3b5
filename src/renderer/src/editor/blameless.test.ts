import { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { BlamelessLanguage, blamelessKey } from './blameless'
import { postmortemExtensions } from './extensions'

let editor: Editor | null = null
afterEach(() => editor?.destroy())

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })

function open(content: object[]) {
  editor = new Editor({
    extensions: [...postmortemExtensions, BlamelessLanguage],
    content: { type: 'doc', content },
  })
  return editor
}

/** The flagged words, as the document reads them. */
const flagged = (e: Editor) =>
  (blamelessKey.getState(e.state)?.find() ?? []).map((d) => e.state.doc.textBetween(d.from, d.to))

describe('blameless-language highlights', () => {
  it('flags what the user wrote, with its reason on hover', () => {
    const e = open([paragraph('We should have paged sooner. It was human error.')])
    expect(flagged(e)).toEqual(['should have', 'human error'])
    const [first] = blamelessKey.getState(e.state)?.find() ?? []
    expect((first as unknown as { type: { attrs: { title: string } } }).type.attrs.title).toMatch(
      /Hindsight/,
    )
  })

  it('never flags the parts generated from the record', () => {
    const e = open([
      {
        type: 'recordSection',
        attrs: { kind: 'resolution' },
        content: [paragraph('Not done: Regression test that would have caught this')],
      },
      paragraph('Fine words.'),
    ])
    expect(flagged(e)).toEqual([])
  })

  it('follows typing: a phrase appears as it is typed and goes when it is reworded', () => {
    const e = open([paragraph('Fine words.'), paragraph('Another paragraph that failed to load.')])
    expect(flagged(e)).toEqual(['failed to'])
    e.commands.setTextSelection(1)
    e.commands.insertContent('Obviously ')
    expect(flagged(e)).toEqual(['Obviously', 'failed to'])
    // Rewording the second paragraph removes its flag and keeps the first's.
    const at = e.state.doc.textContent.indexOf('failed to')
    expect(at).toBeGreaterThan(0)
    const from = e.state.doc.child(0).nodeSize + 1 + 'Another paragraph that '.length
    e.commands.insertContentAt({ from, to: from + 'failed to'.length }, 'did not')
    expect(flagged(e)).toEqual(['Obviously'])
  })

  it('finds phrases across bold and plain text, at their real positions', () => {
    const e = open([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Then ' },
          { type: 'text', text: 'careless', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' changes went out.' },
        ],
      },
    ])
    expect(flagged(e)).toEqual(['careless'])
  })
})
