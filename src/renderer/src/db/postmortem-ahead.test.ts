import type { PostmortemDoc } from '@shared/domain/postmortem'
import { renderHook, waitFor } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { readPostmortemAhead, usePostmortem } from './hooks'
import { incidentsRepo, postmortemAutosave, postmortemsRepo } from './instance'

const doc = (text: string): PostmortemDoc => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

/** What the screen's first render is given, and what it shows once its own read is in. */
async function opened(incidentId: string) {
  const { result } = renderHook(() => usePostmortem(incidentId))
  const first = result.current
  await waitFor(() => expect(result.current).not.toBeUndefined())
  return { first, then: result.current }
}

afterEach(() => vi.restoreAllMocks())

it('hands the document read while the incident opened to the screen’s first render', async () => {
  const { id } = await incidentsRepo.open({ title: 'Checkout down' })
  await postmortemsRepo.save(id, doc('What happened'))
  await readPostmortemAhead(id)
  const { first, then } = await opened(id)
  expect(first?.doc).toEqual(doc('What happened'))
  expect(then?.doc).toEqual(doc('What happened'))
  // Another incident's, or none read ahead: the screen waits for its own read.
  const other = await incidentsRepo.open({ title: 'Login slow' })
  await postmortemsRepo.save(other.id, doc('Other'))
  expect((await opened(other.id)).first).toBeUndefined()
})

it('never hands over "none saved yet" (that starts a template), nor a read a second old', async () => {
  const { id } = await incidentsRepo.open({ title: 'No document yet' })
  await readPostmortemAhead(id)
  const none = await opened(id)
  expect(none.first).toBeUndefined()
  expect(none.then).toBeNull()
  await postmortemsRepo.save(id, doc('Written since'))
  await readPostmortemAhead(id)
  const now = Date.now()
  vi.spyOn(Date, 'now').mockReturnValue(now + 1001)
  const late = await opened(id)
  expect(late.first).toBeUndefined()
  expect(late.then?.doc).toEqual(doc('Written since'))
})

it('reads after this window’s own save of the document, never the copy before it', async () => {
  const { id } = await incidentsRepo.open({ title: 'Typed, left, came back' })
  await postmortemsRepo.save(id, doc('Before'))
  // Typed, then left the screen (which saves), then opened the incident again at once.
  postmortemAutosave.set(id, doc('Typed last'))
  void postmortemAutosave.flush(id)
  await readPostmortemAhead(id)
  const { first } = await opened(id)
  expect(first?.doc).toEqual(doc('Typed last'))
})
