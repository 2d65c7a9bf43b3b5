// @vitest-environment node
import fc from 'fast-check'
import { defaultMarkdownSerializer, schema } from 'prosemirror-markdown'
import { expect, it } from 'vitest'
import { serializeLinear } from './linear-serializer'

type Json = Record<string, unknown>

// Text with what the serializer escapes or reads back: brackets, bangs, backslashes, marks' signs.
const text = fc
  .array(fc.constantFrom('a', 'word ', ' ', '[', ']', '!', '\\', '*', '_', '`', '#', '1.', '>'), {
    minLength: 1,
    maxLength: 30,
  })
  .map((parts) => parts.join(''))
const marks = fc.subarray([
  { type: 'em' },
  { type: 'strong' },
  { type: 'link', attrs: { href: 'https://example.com/a(b)' } },
])
const inline = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('text'), text, marks }) },
  { weight: 1, arbitrary: fc.constant({ type: 'hard_break' }) },
  {
    weight: 1,
    arbitrary: fc.constant({ type: 'image', attrs: { src: 'x.png', alt: '!', title: null } }),
  },
)
const paragraph = fc.array(inline, { maxLength: 6 }).map((content) => ({
  type: 'paragraph',
  ...(content.length ? { content } : {}),
}))
// Code: lines of their own, some starting with a bracket, some ending with a bang.
const code = fc
  .array(fc.constantFrom('[x]', 'a!', '![b]', '', '  indented', '```'), {
    minLength: 1,
    maxLength: 5,
  })
  .map((lines) => lines.join('\n'))
  .map((text) => ({ type: 'code_block', ...(text ? { content: [{ type: 'text', text }] } : {}) }))

const { block } = fc.letrec<{ block: Json; item: Json }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    paragraph,
    code,
    fc.constant({ type: 'horizontal_rule' }),
    fc
      .tuple(fc.integer({ min: 1, max: 6 }), paragraph)
      .map(([level, p]) => ({ ...p, type: 'heading', attrs: { level } })),
    fc.array(tie('block'), { minLength: 1, maxLength: 3 }).map((content) => ({
      type: 'blockquote',
      content,
    })),
    fc
      .tuple(fc.boolean(), fc.boolean(), fc.array(tie('item'), { minLength: 1, maxLength: 3 }))
      .map(([ordered, tight, content]) => ({
        type: ordered ? 'ordered_list' : 'bullet_list',
        attrs: ordered ? { order: 1, tight } : { tight },
        content,
      })),
  ),
  item: fc
    .tuple(paragraph, fc.array(tie('block'), { maxLength: 2 }))
    .map(([first, rest]) => ({ type: 'list_item', content: [first, ...rest] })),
}))

const docOf = (content: Json[]) =>
  schema.nodeFromJSON({ type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] })

it('writes what prosemirror-markdown writes, character for character, at any length', () => {
  fc.assert(
    fc.property(
      fc.array(block, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 60 }),
      fc.boolean(),
      (content, times, tightLists) => {
        // Repeated, so most pass the length where output is set aside, each at another place.
        const doc = docOf(Array.from({ length: times }, () => content).flat())
        expect(serializeLinear(defaultMarkdownSerializer, doc, { tightLists })).toBe(
          defaultMarkdownSerializer.serialize(doc, { tightLists }),
        )
      },
    ),
    { numRuns: 60 },
  )
})

it('writes a long document (hundreds of kilobytes, set aside many times) the same', () => {
  const blocks: Json[] = []
  for (let n = 0; n < 5000; n++)
    blocks.push(
      n % 3 === 0
        ? {
            type: 'blockquote',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: `Quote ${n} ends!` }] }],
          }
        : n % 3 === 1
          ? { type: 'code_block', content: [{ type: 'text', text: `[${n}]\nline!` }] }
          : {
              type: 'paragraph',
              content: [{ type: 'text', text: `Paragraph ${n} with [brackets] and a bang!` }],
            },
    )
  const doc = docOf(blocks)
  const expected = defaultMarkdownSerializer.serialize(doc)
  expect(expected.length).toBeGreaterThan(100_000)
  expect(serializeLinear(defaultMarkdownSerializer, doc)).toBe(expected)
})
