import { describe, expect, it } from 'vitest'
import { IncidentLog, T0 } from '@shared/domain/test-helpers'
import type { DocNode } from '@shared/domain/postmortem'
import { unknownPlaceholders, userTemplateDoc } from './user-template'

const log = new IncidentLog('inc-1', { now: T0, title: 'Checkout returns 502' })
const text = (n: DocNode): string => n.text ?? (n.content ?? []).map(text).join('')

describe('a team’s own template, from Markdown', () => {
  it('becomes a document with the record where its placeholders say', () => {
    const doc = userTemplateDoc(
      [
        '# Incident review: {{title}}',
        '',
        '{{facts}}',
        '',
        '## What happened',
        '',
        'Started {{date}}, severity {{severity}}.',
        '',
        '## Timeline',
        '',
        '{{timeline}}',
        '',
        '## Follow-ups',
        '',
        '{{action-items}}',
        '',
        '- [ ] Update the status page',
      ].join('\n'),
      log.incident,
      log.events,
      'UTC',
    )
    expect(doc.content.map((n) => n.type)).toEqual([
      'heading',
      'recordSection',
      'heading',
      'paragraph',
      'heading',
      'recordSection',
      'heading',
      'actionItems',
      'bulletList',
    ])
    expect(text(doc.content[0]!)).toBe('Incident review: Checkout returns 502')
    expect(text(doc.content[3]!)).toBe('Started 26 Nov 2026, 14:00, severity Not classified.')
    expect(doc.content[1]?.attrs).toEqual({ kind: 'facts' })
  })

  it('never lets a template inject markup, and keeps a typo visible', () => {
    const doc = userTemplateDoc(
      '<img src=x onerror="alert(1)">\n\n<script>alert(2)</script>\n\nHello {{titel}}',
      log.incident,
      log.events,
      'UTC',
    )
    const all = JSON.stringify(doc)
    expect(all).not.toContain('"type":"image"')
    expect(doc.content.map(text).join('\n')).toContain('<img src=x onerror="alert(1)">')
    expect(doc.content.map(text).join('\n')).toContain('Hello {{titel}}')
    expect(unknownPlaceholders('{{titel}} {{timeline}} {{ severity }}')).toEqual(['titel'])
  })

  it('refuses an empty file with a message', () => {
    expect(() => userTemplateDoc('', log.incident, log.events, 'UTC')).toThrow(/empty/)
  })
})

it('Settings names every placeholder there is', async () => {
  const { PLACEHOLDER_HELP } = await import('../features/settings/TemplateSettings')
  const { BLOCK_PLACEHOLDERS, INLINE_PLACEHOLDERS } = await import('./user-template')
  for (const name of [...BLOCK_PLACEHOLDERS, ...INLINE_PLACEHOLDERS])
    expect(PLACEHOLDER_HELP).toContain(`{{${name}}}`)
})
