import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import type { PostmortemDoc } from '@shared/domain/postmortem'
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
