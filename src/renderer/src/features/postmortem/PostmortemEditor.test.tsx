import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import type { PostmortemDoc } from '@shared/domain/postmortem'
import { PlatformContext } from '../../platform/platform-context'
import { createWebPlatform } from '../../platform/web'
import PostmortemEditor from './PostmortemEditor'

it('refuses to open a document it cannot represent, so no keystroke can save over it', () => {
  const doc = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Kept words' }] },
      { type: 'mermaidDiagram', attrs: { code: 'a-->b' } },
    ],
  } as PostmortemDoc
  const saved: unknown[] = []
  render(
    <PostmortemEditor
      incidentId="i"
      initial={doc}
      onChange={(d) => saved.push(d)}
      onBlur={() => undefined}
    />,
  )
  expect(screen.getByRole('alert').textContent).toMatch(
    /This post-mortem contains a kind of content this version of Steady doesn't know \("mermaidDiagram"\).*kept exactly as it was/,
  )
  expect(screen.queryByRole('textbox', { name: 'Post-mortem document' })).toBeNull()
  expect(saved).toEqual([])
})

it('draws the document once when it opens, not again when the page takes the editor', () => {
  // Task items have a node view: new view functions read as a change and redrew every node.
  const doc = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'What happened' }] },
      {
        type: 'taskList',
        content: [
          {
            type: 'taskItem',
            attrs: { checked: false },
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Add an alert' }] }],
          },
        ],
      },
    ],
  } as PostmortemDoc
  const changes = new MutationObserver(() => undefined)
  changes.observe(document.body, { childList: true, subtree: true })
  render(
    <PlatformContext.Provider value={createWebPlatform(window)}>
      <PostmortemEditor
        incidentId="i"
        initial={doc}
        onChange={() => undefined}
        onBlur={() => undefined}
      />
    </PlatformContext.Provider>,
  )
  const editor = screen.getByRole('textbox', { name: 'Post-mortem document' })
  expect(editor.textContent).toContain('Add an alert')
  // Only moved into the page whole: nothing inside the document was taken out and drawn again.
  const inside = changes.takeRecords().filter((r) => editor.contains(r.target))
  changes.disconnect()
  expect(inside.map((r) => r.removedNodes.length)).toEqual([])
})
