/**
 * The post-mortem as GitHub-flavoured Markdown with YAML front matter. prosemirror-markdown does
 * the escaping and the block structure; this file adds what it lacks (task lists, tables, Steady's
 * own nodes) and the front matter, written by a YAML library so no title can break it.
 */
import type { Node as PmNode } from '@tiptap/pm/model'
import {
  ACTION_ITEM_COLUMNS,
  ACTION_ITEM_STATUS_LABELS,
  ACTION_ITEM_TYPE_LABELS,
} from '@shared/domain/action-items'
import { responseDurations } from '@shared/domain/metrics'
import type { ActionItem, Incident } from '@shared/domain/model'
import { incidentTitle } from '@shared/domain/model'
import type { PostmortemDoc } from '@shared/domain/postmortem'
import { isoDay, zoneLabel } from '@shared/domain/zone'
import { DOCUMENT_LINKS, isAllowedLink } from '@shared/links'
import { escapeInline, markdownTable } from '@shared/markdown-text'
import {
  MarkdownSerializer,
  defaultMarkdownSerializer,
  type MarkdownSerializerState,
} from 'prosemirror-markdown'
import { stringify } from 'yaml'
import { serializeLinear } from './linear-serializer'
import { postmortemSchema } from './schema'

type MarkSpec = MarkdownSerializer['marks'][string]
const { strong, em } = defaultMarkdownSerializer.marks as Record<'strong' | 'em', MarkSpec>
const base = defaultMarkdownSerializer.nodes

type NodeSerializer = (
  state: MarkdownSerializerState,
  node: PmNode,
  parent: PmNode,
  index: number,
) => void

/**
 * Characters escaped in all text, beyond what prosemirror-markdown escapes: `<` and `&`, so no text a
 * user typed or imported can become raw HTML (`<img onerror>`, an unclosed `<!--`) or an entity.
 */
const OPTIONS = {
  // Also what would start a block after leading spaces (" >a" is a quote, " 1. x" a list), which
  // prosemirror-markdown escapes only at the very start of a line. A backslash before punctuation
  // always reads as that character, so escaping it mid-line too is harmless.
  escapeExtraCharacters: /[<&]|(?<=^\s*)[>+\-#*]|(?<=^\s*\d+)[.)]/g,
}

function writeTable(state: MarkdownSerializerState, node: PmNode, rows: string[][]): void {
  if (rows.length === 0) return
  state.write(markdownTable(rows))
  state.closeBlock(node)
}

function actionItemRows(items: readonly ActionItem[], zone: string): string[][] {
  return [
    [...ACTION_ITEM_COLUMNS],
    ...items.map((item) => [
      item.link && isAllowedLink(item.link)
        ? `[${escapeInline(item.title)}](${item.link.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`
        : escapeInline(item.title),
      ACTION_ITEM_TYPE_LABELS[item.type],
      item.priority ?? '',
      escapeInline(item.owner),
      item.dueAt === null ? '' : isoDay(item.dueAt, zone),
      escapeInline(item.measure),
      ACTION_ITEM_STATUS_LABELS[item.status],
    ]),
  ]
}

function serializer(items: readonly ActionItem[], zone: string): MarkdownSerializer {
  const inlineText = (node: PmNode): string => {
    // Render a cell's inline content with the same marks and escaping as everywhere else.
    return serializeLinear(new MarkdownSerializer(nodes, marks, OPTIONS), node).trim()
  }
  const nodes: Record<string, NodeSerializer> = {
    ...(base as Record<string, NodeSerializer>),
    bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
    orderedList: base['ordered_list'] as NodeSerializer,
    listItem: base['list_item'] as NodeSerializer,
    codeBlock: (state, node) => {
      // A fence longer than any run of backticks inside, so code can never close it early.
      const longest = Math.max(2, ...(node.textContent.match(/`+/g) ?? []).map((run) => run.length))
      const fence = '`'.repeat(longest + 1)
      const language = String(node.attrs['language'] ?? '').replace(/[^\w+#.-]/g, '')
      state.write(`${fence}${language}\n`)
      state.text(node.textContent, false)
      state.ensureNewLine()
      state.write(fence)
      state.closeBlock(node)
    },
    hardBreak: base['hard_break'] as NodeSerializer,
    horizontalRule: base['horizontal_rule'] as NodeSerializer,
    taskList: (state, node) => state.renderList(node, '  ', () => '- '),
    taskItem: (state, node) => {
      state.write(node.attrs['checked'] ? '[x] ' : '[ ] ')
      state.renderContent(node)
    },
    table: (state, node) => {
      const rows: string[][] = []
      node.forEach((row) => {
        const cells: string[] = []
        row.forEach((c) => cells.push(inlineText(c)))
        rows.push(cells)
      })
      writeTable(state, node, rows)
    },
    tableRow: () => undefined,
    tableCell: () => undefined,
    tableHeader: () => undefined,
    recordSection: (state, node) => state.renderContent(node),
    actionItems: (state, node) => {
      if (items.length) return writeTable(state, node, actionItemRows(items, zone))
      state.write('No action items yet.')
      state.closeBlock(node)
    },
  }
  const marks = {
    ...defaultMarkdownSerializer.marks,
    bold: strong,
    italic: em,
    strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
    underline: { open: '', close: '' },
    link: {
      open: (_state: MarkdownSerializerState, mark: { attrs: Record<string, unknown> }) =>
        isAllowedLink(mark.attrs['href'], DOCUMENT_LINKS) ? '[' : '',
      close: (state: MarkdownSerializerState, mark: { attrs: Record<string, unknown> }) => {
        const href = mark.attrs['href']
        return isAllowedLink(href, DOCUMENT_LINKS)
          ? `](${state.esc(String(href)).replace(/[()]/g, '\\$&')})`
          : ''
      },
    },
  }
  return new MarkdownSerializer(nodes, marks, OPTIONS)
}

/** ISO 8601 in UTC, to the second: "2024-07-19T04:09:00Z". */
const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 60_000))

export function frontMatter(
  incident: Incident,
  items: readonly ActionItem[],
  zone: string,
): string {
  const durations = responseDurations(incident)
  const data = {
    title: incidentTitle(incident),
    id: incident.id,
    severity: incident.severity,
    status: incident.status,
    started: iso(incident.startedAt),
    detected: iso(incident.detectedAt),
    mitigated: iso(incident.mitigatedAt),
    fix_deployed: iso(incident.fixDeployedAt),
    resolved: iso(incident.resolvedAt),
    time_to_detect_minutes: minutes(durations.timeToDetect),
    time_to_mitigate_minutes: minutes(durations.timeToMitigate),
    time_to_resolve_minutes: minutes(durations.timeToResolve),
    monitoring: incident.monitoringResult,
    times_in: zone,
    services: incident.services,
    tags: incident.tags ?? [],
    kind: incident.kind ?? 'incident',
    postmortem: {
      status: incident.postmortemStatus,
      revision: incident.postmortemRevision ?? 0,
      owner: incident.postmortemOwner ?? '',
      facilitator: incident.postmortemFacilitator ?? '',
    },
    action_items: {
      open: items.filter((i) => i.status === 'open').length,
      done: items.filter((i) => i.status !== 'open').length,
    },
  }
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`
}

/** The document as Markdown, without front matter: what a revision keeps. */
export function postmortemBody(
  doc: PostmortemDoc,
  incident: Incident,
  items: readonly ActionItem[],
  zone: string,
): string {
  const node = postmortemSchema().nodeFromJSON(doc)
  const body = serializeLinear(serializer(items, zone), node, { tightLists: true })
  // The zone is said once near the top (the facts under the title say "Times in"); a document
  // whose facts were removed still says it, before everything else.
  const said = hasRecordSection(doc, 'facts')
  const note = said ? '' : `_All times are in ${zoneLabel(zone, incident.startedAt)}._\n\n`
  return `${note}${body.trim()}\n`
}

/** The whole export: front matter, then the document (its action items as a table). */
export function toPostmortemMarkdown(
  doc: PostmortemDoc,
  incident: Incident,
  items: readonly ActionItem[],
  zone: string,
): string {
  return `${frontMatter(incident, items, zone)}\n${postmortemBody(doc, incident, items, zone)}`
}

const hasRecordSection = (doc: PostmortemDoc, kind: string): boolean =>
  doc.content.some((node) => node.type === 'recordSection' && node.attrs?.['kind'] === kind)

/** "2024-07-19-crowdstrike-….md": the date the incident started, in the shown zone. */
export function markdownFileName(
  incident: Pick<Incident, 'title' | 'symptoms' | 'startedAt'>,
  zone: string,
): string {
  const slug = incidentTitle(incident)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
  return `${isoDay(incident.startedAt, zone)}-${slug || 'incident'}.md`
}
