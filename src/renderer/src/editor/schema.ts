/**
 * The post-mortem's ProseMirror schema, built once from the editor's extensions, and the check a
 * stored or imported document must pass before anything opens it: a document this version cannot
 * represent (a block type from a newer Steady, a broken structure) would open empty, and the next
 * keystroke would save that emptiness over it.
 */
import { getSchema } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { postmortemExtensions } from './extensions'

let built: Schema | undefined
/**
 * The schema, built at its first use (25-40 ms: not in the task that loads the editor's code while
 * the app is idle, which made that task too long).
 */
export const postmortemSchema = (): Schema => (built ??= getSchema(postmortemExtensions))

/** Why this document cannot be opened here, as the end of a sentence; null when it can. */
export function docProblem(doc: unknown): string | null {
  try {
    postmortemSchema().nodeFromJSON(doc).check()
    return null
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const unknown = /Unknown node type: (\S+)|no mark type (\S+)/i.exec(message)
    if (unknown)
      return `contains a kind of content this version of Steady doesn't know ("${unknown[1] ?? unknown[2]}"), probably from a newer Steady`
    return `is not a document Steady can open (${message.slice(0, 120)})`
  }
}
