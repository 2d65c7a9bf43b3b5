/**
 * A team's own post-mortem template: a Markdown file with placeholders. Markdown becomes the
 * editor's document through markdown-it (raw HTML off, so a template can never inject markup) and
 * the editor's own HTML parsing (generateJSON), which keeps only what the schema knows. A paragraph
 * holding only a block placeholder becomes that part of the record; inline placeholders are filled.
 */
import { generateJSON } from '@tiptap/core'
import MarkdownIt from 'markdown-it'
import {
  RECORD_SECTIONS,
  customerMessage,
  internalSummary,
  recordSectionContent,
  type DocNode,
  type PostmortemDoc,
  type RecordSectionKind,
} from '@shared/domain/postmortem'
import type { TimelineEvent } from '@shared/domain/events'
import { incidentTitle, type Incident } from '@shared/domain/model'
import { formatStamp } from '@shared/domain/zone'
import { postmortemExtensions } from './extensions'
import { docProblem } from './schema'

/** The placeholders a template may use, for the help text and the checks. */
export const BLOCK_PLACEHOLDERS = [...RECORD_SECTIONS, 'action-items'] as const
export const INLINE_PLACEHOLDERS = [
  'title',
  'severity',
  'date',
  'internal-summary',
  'customer-message',
] as const

const markdown = new MarkdownIt('commonmark', { html: false, linkify: false })

const BLOCK = /^\{\{\s*([a-z-]+)\s*\}\}$/
const INLINE = /\{\{\s*([a-z-]+)\s*\}\}/g

/** The document a user template makes for this incident; throws with a message when it can't. */
export function userTemplateDoc(
  source: string,
  incident: Incident,
  events: readonly TimelineEvent[],
  zone: string,
): PostmortemDoc {
  if (!source.trim()) throw new Error('The template is empty.')
  const json = generateJSON(markdown.render(source), postmortemExtensions) as PostmortemDoc
  const inline: Record<string, string> = {
    title: incidentTitle(incident),
    severity: incident.severity ?? 'Not classified',
    date: formatStamp(incident.startedAt, zone),
    'internal-summary': internalSummary(incident, zone),
    'customer-message': customerMessage(incident, zone),
  }
  const fill = (node: DocNode): DocNode[] => {
    const only = node.type === 'paragraph' && node.content?.length === 1 ? node.content[0] : null
    const block = only?.type === 'text' ? BLOCK.exec(only.text ?? '')?.[1] : undefined
    if (block === 'action-items') return [{ type: 'actionItems' }]
    if (block && (RECORD_SECTIONS as readonly string[]).includes(block)) {
      const kind = block as RecordSectionKind
      const content = recordSectionContent(kind, incident, events, zone)
      return [
        {
          type: 'recordSection',
          attrs: { kind },
          content: content.length
            ? content
            : [{ type: 'paragraph', content: [{ type: 'text', text: 'Nothing recorded yet.' }] }],
        },
      ]
    }
    if (node.type === 'text' && node.text)
      return [
        { ...node, text: node.text.replace(INLINE, (all, name: string) => inline[name] ?? all) },
      ]
    return [node.content ? { ...node, content: node.content.flatMap(fill) } : node]
  }
  const doc = { ...json, content: json.content.flatMap(fill) } as PostmortemDoc
  const problem = docProblem(doc)
  if (problem) throw new Error(`The template ${problem}.`)
  return doc
}

/** Placeholders in a template that Steady does not know (typos), to say so when it is added. */
export function unknownPlaceholders(source: string): string[] {
  const known = new Set<string>([...BLOCK_PLACEHOLDERS, ...INLINE_PLACEHOLDERS])
  return [...new Set([...source.matchAll(INLINE)].map((m) => m[1] ?? ''))].filter(
    (name) => !known.has(name),
  )
}
