import { readFileSync, writeFileSync } from 'node:fs'
import { newActionItem, withStatus } from '@shared/domain/action-items'
import type { ActionItem, Incident } from '@shared/domain/model'
import {
  buildPostmortemTemplate,
  type DocNode,
  type PostmortemDoc,
} from '@shared/domain/postmortem'
import { IncidentLog, T0 } from '@shared/domain/test-helpers'
import { DAY, HOUR, MINUTE } from '@shared/domain/time'
import fc from 'fast-check'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ACTION_ITEM_COLUMNS } from '@shared/domain/action-items'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { markdownFileName, toPostmortemMarkdown } from './markdown'

const GOLDEN = 'test/fixtures/postmortem.golden.md'

/** A resolved incident with a bit of everything, built as the app builds it: from events. */
function fixture() {
  const log = new IncidentLog('inc-golden', {
    now: T0,
    title: 'Checkout returns 502 for EU users',
    startedAt: T0 - 12 * MINUTE,
    details: {
      symptoms: 'EU checkout fails with 502',
      statusCodes: ['502'],
      endpoints: ['POST /api/checkout'],
      detectionSource: 'user-report',
      scope: 'some-users',
      scopeNote: 'EU only',
      services: ['checkout', 'gateway'],
      rootCause: {
        trigger: 'Deploy 4182',
        mechanism: 'The gateway config lost its EU upstream',
        impact: 'EU checkout returned 502',
        summary: 'The config template had no EU default',
        contributingFactors: 'No alert on regional 5xx rates',
      },
    },
  })
  log.record({
    kind: 'phase-changed',
    at: T0 + 2 * MINUTE,
    payload: { from: 'capture', to: 'triage' },
  })
  log.record({ kind: 'severity-changed', at: T0 + 3 * MINUTE, payload: { from: null, to: 'SEV2' } })
  log.record({
    kind: 'mitigation-action',
    at: T0 + 8 * MINUTE,
    payload: {
      mitigation: {
        id: 'm1',
        at: T0 + 8 * MINUTE,
        action: 'Roll back the deploy',
        expected: '502s stop',
        observed: 'They stopped',
        outcome: 'worked',
      },
    },
  })
  log.record({ kind: 'mitigation-verified', at: T0 + 10 * MINUTE, payload: {} })
  log.record({ kind: 'fix-deployed', at: T0 + 3 * HOUR, payload: {} })
  log.record({ kind: 'resolved', at: T0 + 4 * HOUR, payload: {} })
  log.record({
    kind: 'factors-set',
    at: T0 + 25 * HOUR,
    payload: {
      factors: [
        { id: 'f1', category: 'Detection gap', text: 'No alert on regional 5xx rates' },
        { id: 'f2', category: 'Change', text: 'Config pushed to every region at once' },
      ],
    },
  })
  log.record({
    kind: 'postmortem-roles',
    at: T0 + 26 * HOUR,
    payload: { owner: 'Dana', facilitator: 'Lee' },
  })
  log.record({
    kind: 'postmortem-status',
    at: T0 + 28 * HOUR,
    payload: { status: 'final', revision: 1, snapshot: '# Post-mortem' },
  })
  const incident = log.incident
  const items: ActionItem[] = [
    withStatus(
      newActionItem(
        {
          title: 'Alert on EU 5xx rate',
          type: 'detect',
          owner: 'me',
          measure: 'Pages within 2 min',
        },
        incident,
        { id: 'a1', now: T0 + 5 * HOUR },
      ),
      'done',
      T0 + 2 * DAY,
    ),
    {
      ...newActionItem(
        {
          title: 'Template | defaults for every region',
          type: 'prevent',
          measure: 'CI fails without one',
        },
        incident,
        { id: 'a2', now: T0 + 5 * HOUR },
      ),
      priority: 'P1',
      link: 'https://tickets.example.com/browse/OPS-12',
    },
  ]
  const doc = buildPostmortemTemplate(incident, log.events, 'UTC')
  // What the user wrote, with every kind of formatting.
  const written: DocNode[] = [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'A config change ' },
        { type: 'text', text: 'dropped', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' the EU upstream; see ' },
        {
          type: 'text',
          text: 'the dashboard',
          marks: [{ type: 'link', attrs: { href: 'https://grafana.example.com/d/eu' } }],
        },
        { type: 'text', text: ' and ' },
        { type: 'text', text: 'gateway.yaml', marks: [{ type: 'code' }] },
        { type: 'text', text: ', which is ' },
        { type: 'text', text: 'not', marks: [{ type: 'italic' }] },
        { type: 'text', text: ' *markdown* [escaped].' },
      ],
    },
    {
      type: 'taskList',
      content: [
        {
          type: 'taskItem',
          attrs: { checked: true },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rolled back' }] }],
        },
        {
          type: 'taskItem',
          attrs: { checked: false },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tell support' }] }],
        },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableHeader',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Region' }] }],
            },
            {
              type: 'tableHeader',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Errors' }] }],
            },
          ],
        },
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableCell',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'EU | west' }] }],
            },
            {
              type: 'tableCell',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: '12%' }] }],
            },
          ],
        },
      ],
    },
    {
      type: 'codeBlock',
      attrs: { language: 'yaml' },
      content: [{ type: 'text', text: 'upstream:\n  eu: null' }],
    },
    {
      type: 'blockquote',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'A mitigation is not a fix.' }] },
      ],
    },
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'A hostile link',
          marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
        },
      ],
    },
  ]
  const summaryAt = doc.content.findIndex((n) => n.content?.[0]?.text === 'Summary')
  const content = [...doc.content]
  content.splice(summaryAt + 1, 1, ...written)
  return { incident, items, doc: { type: 'doc', content } as PostmortemDoc }
}

const frontMatterOf = (markdown: string) => {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown)
  if (!match?.[1]) throw new Error('no front matter')
  return parse(match[1]) as Record<string, unknown>
}

describe('toPostmortemMarkdown', () => {
  it('exports the fixture incident to exactly the expected Markdown', () => {
    const { incident, items, doc } = fixture()
    const markdown = toPostmortemMarkdown(doc, incident, items, 'UTC')
    if (process.env['UPDATE_GOLDEN']) writeFileSync(GOLDEN, markdown)
    expect(markdown).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('parses back with a real Markdown parser and a YAML parser', () => {
    const { incident, items, doc } = fixture()
    const markdown = toPostmortemMarkdown(doc, incident, items, 'UTC')
    expect(frontMatterOf(markdown)).toMatchObject({
      title: 'Checkout returns 502 for EU users',
      id: 'inc-golden',
      severity: 'SEV2',
      status: 'resolved',
      started: new Date(incident.startedAt).toISOString().replace('.000Z', 'Z'),
      resolved: new Date(incident.resolvedAt!).toISOString().replace('.000Z', 'Z'),
      services: ['checkout', 'gateway'],
      postmortem: { status: 'final', revision: 1, owner: 'Dana', facilitator: 'Lee' },
      action_items: { open: 1, done: 1 },
    })
    const html = new MarkdownIt().render(markdown)
    expect(html).toContain(
      '<td><a href="https://tickets.example.com/browse/OPS-12">Template | defaults for every region</a></td>',
    )
    expect(html).toContain('<td>EU | west</td>')
    expect(html).toContain('<a href="https://grafana.example.com/d/eu">the dashboard</a>')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('<code>gateway.yaml</code>')
    expect(html).toContain('*markdown* [escaped]')
  })

  it('keeps hostile titles and cell contents from breaking the front matter or tables', () => {
    const { incident, items, doc } = fixture()
    const hostile = fc.string({
      unit: fc.constantFrom(
        'a',
        ' ',
        ':',
        '|',
        '\n',
        '"',
        "'",
        '#',
        '-',
        '*',
        '`',
        '\\',
        '[',
        ']',
        '{',
        '}',
        '>',
        '%',
        '@',
        '&',
        '!',
        '…',
        '\t',
        '---',
      ),
    })
    fc.assert(
      fc.property(hostile, hostile, hostile, (title, cellText, owner) => {
        const withTitle: Incident = { ...incident, title }
        const item = { ...items[1]!, title: cellText, owner }
        const markdown = toPostmortemMarkdown(doc, withTitle, [items[0]!, item], 'UTC')
        const fm = frontMatterOf(markdown)
        expect(fm['title']).toBe(
          title.trim() ? title.trim() || title : 'EU checkout fails with 502',
        )
        const html = new MarkdownIt().render(markdown.replace(/^---\n[\s\S]*?\n---\n/, ''))
        // The action items table keeps its seven columns in every row.
        const table = html.split('<h2>Action items</h2>')[1]?.split('</table>')[0] ?? ''
        for (const row of table.split('<tr>').slice(1))
          expect(row.match(/<t[hd]>/g)).toHaveLength(ACTION_ITEM_COLUMNS.length)
      }),
      { numRuns: 150 },
    )
  })

  it('names the file by date and title', () => {
    const { incident } = fixture()
    expect(markdownFileName(incident, 'UTC')).toBe(
      '2026-11-26-checkout-returns-502-for-eu-users.md',
    )
  })
})

describe('what a GitHub or Obsidian reader sees', () => {
  it('parses with a CommonMark + GFM parser into the headings, tables, task list and links', () => {
    const { incident, items, doc } = fixture()
    const markdown = toPostmortemMarkdown(doc, incident, items, 'UTC')
    const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '')
    const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
    const all = <T extends string>(type: T) => {
      const found: { type: string; [key: string]: unknown }[] = []
      const walk = (node: { type: string; children?: unknown[] }) => {
        if (node.type === type) found.push(node as never)
        for (const child of (node.children ?? []) as { type: string }[]) walk(child)
      }
      walk(tree)
      return found
    }
    const text = (node: unknown): string => {
      const n = node as { value?: string; children?: unknown[] }
      return n.value ?? (n.children ?? []).map(text).join('')
    }
    const headings = all('heading').map((h) => `${'#'.repeat(h['depth'] as number)} ${text(h)}`)
    expect(headings[0]).toBe('# Post-mortem: Checkout returns 502 for EU users')
    expect(headings).toEqual(
      expect.arrayContaining([
        '## Summary',
        '## Impact',
        '## Timeline',
        '## What we knew at the time',
        '## Root cause',
        '## Action items',
        '## Internal summary',
        '## Customer message',
      ]),
    )
    // Tables: the user's, the impact numbers, the action items (seven columns, every row).
    const tables = all('table').map((t) =>
      (t['children'] as { children: unknown[] }[]).map((row) => row.children.map(text)),
    )
    expect(tables).toContainEqual([
      ['Region', 'Errors'],
      ['EU | west', '12%'],
    ])
    expect(tables).toContainEqual(expect.arrayContaining([['Minutes at SEV2', '252']]))
    const actionTable = tables.find((t) => t[0]?.[0] === 'Action item')!
    expect(actionTable[0]).toEqual([...ACTION_ITEM_COLUMNS])
    expect(actionTable.every((row) => row.length === ACTION_ITEM_COLUMNS.length)).toBe(true)
    // A task list, with what is done checked.
    const tasks = all('listItem').filter((i) => i['checked'] !== null && i['checked'] !== undefined)
    expect(tasks.map((t) => [text(t), t['checked']])).toEqual([
      ['Rolled back', true],
      ['Tell support', false],
    ])
    // Links: the allowed one, and never the hostile one.
    expect(all('link').map((l) => l['url'])).toEqual([
      'https://grafana.example.com/d/eu',
      'https://tickets.example.com/browse/OPS-12',
    ])
    // Contributing factors, each with its category.
    const factors = all('listItem').map(text)
    expect(factors).toContain('Detection gap: No alert on regional 5xx rates')
    expect(factors).toContain('Change: Config pushed to every region at once')
  })
})

describe('safe, well-formed Markdown', () => {
  const hostile = fc.string({
    unit: fc.constantFrom(
      'a',
      ' ',
      '<',
      '>',
      '&',
      '"',
      "'",
      '/',
      '=',
      '\\',
      '|',
      '*',
      '_',
      '`',
      '[',
      ']',
      '(',
      ')',
      '!',
      '#',
      '-',
      '<script>',
      '<img src=x onerror=alert(1)>',
      '<!--',
      'javascript:',
      '&amp;',
      '&#60;',
    ),
    minLength: 1,
  })
  const html = new MarkdownIt({ html: true })
  const paragraphDoc = (text: string): PostmortemDoc => ({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Notes' }] },
      { type: 'paragraph', content: [{ type: 'text', text }] },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              {
                type: 'tableHeader',
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Cell' }] }],
              },
            ],
          },
          {
            type: 'tableRow',
            content: [
              {
                type: 'tableCell',
                content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
              },
            ],
          },
        ],
      },
      { type: 'actionItems' },
    ],
  })
  const parseHtml = (rendered: string) => new DOMParser().parseFromString(rendered, 'text/html')

  it('renders, with HTML enabled, no script-capable element or attribute, and every text as typed', () => {
    const { incident, items } = fixture()
    fc.assert(
      fc.property(hostile, hostile, (text, title) => {
        const item = { ...items[0]!, title, owner: text }
        const markdown = toPostmortemMarkdown(paragraphDoc(text), incident, [item], 'UTC')
        const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '')
        const dom = parseHtml(html.render(body))
        expect(dom.querySelectorAll('script, img, iframe, svg, object, embed').length).toBe(0)
        for (const el of dom.querySelectorAll('*')) {
          for (const attr of el.getAttributeNames()) expect(attr).not.toMatch(/^on/i)
          expect(el.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i)
        }
        // No comment swallowed the rest of the file.
        expect(dom.body.innerHTML).not.toContain('<!--')
        // The text comes back exactly: in the paragraph, in the document's table, in the items.
        const normal = (s: string) => s.replace(/\s+/g, ' ').trim()
        const paragraph = dom.querySelector('h2 + p')?.textContent ?? ''
        expect(normal(paragraph)).toBe(normal(text))
        const cells = [...dom.querySelectorAll('td')].map((td) => normal(td.textContent ?? ''))
        expect(cells[0]).toBe(normal(text))
        expect(cells).toContain(normal(title))
      }),
      { numRuns: 200 },
    )
  })
})
