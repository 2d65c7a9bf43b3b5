import { describe, expect, it } from 'vitest'
import type { EventDraft } from './events'
import {
  TEMPLATES,
  buildPostmortemTemplate,
  customerMessage,
  minutesAtSeverity,
  suggestTemplate,
  templateOf,
  type DocNode,
} from './postmortem'
import { IncidentLog, T0 } from './test-helpers'
import { MINUTE } from './time'

const headings = (doc: { content: DocNode[] }) =>
  doc.content
    .filter((n) => n.type === 'heading' && n.attrs?.['level'] === 2)
    .map((n) => n.content?.[0]?.text)

const sev = (to: string, at: number, from: string | null = null): EventDraft =>
  ({ kind: 'severity-changed', at, payload: { from, to } }) as EventDraft

describe('post-mortem templates', () => {
  const log = new IncidentLog('inc-1', {
    now: T0,
    title: 'Checkout returns 502',
    startedAt: T0 - 10 * MINUTE,
  })
    .record(sev('SEV3', T0 + MINUTE))
    .record(sev('SEV1', T0 + 20 * MINUTE, 'SEV3'))
    .record({ kind: 'resolved', at: T0 + 60 * MINUTE, payload: {} } as EventDraft)

  it('each has the sections good reviews ask for, and its own', () => {
    const docs = Object.fromEntries(
      TEMPLATES.map((t) => [
        t,
        headings(buildPostmortemTemplate(log.incident, log.events, 'UTC', t)),
      ]),
    )
    for (const t of TEMPLATES)
      expect(docs[t]).toEqual(
        expect.arrayContaining([
          'Summary',
          'Timeline',
          'What we knew at the time',
          'Why were we surprised?',
          'Where we got lucky',
          'How could we have cut detection time in half?',
          'Action items',
          'Internal summary',
        ]),
      )
    expect(docs['security']).toEqual(
      expect.arrayContaining([
        'Exposure',
        'Data affected',
        'Disclosure',
        'Containment',
        'Customer message',
      ]),
    )
    expect(docs['near-miss']).toEqual(
      expect.arrayContaining(['What almost happened', "Why it didn't"]),
    )
    expect(docs['near-miss']).not.toContain('Impact')
    expect(docs['drill']).toEqual(expect.arrayContaining(['Scenario', 'What we practised']))
    expect(docs['drill']).not.toContain('Customer message')
    for (const t of TEMPLATES)
      expect(templateOf(buildPostmortemTemplate(log.incident, log.events, 'UTC', t))).toBe(t)
  })

  it('counts minutes at each severity, the first from impact start', () => {
    expect(minutesAtSeverity(log.incident, log.events)).toEqual({ SEV3: 30, SEV1: 40 })
  })

  it('suggests a template from the incident’s words', () => {
    const said = (title: string) => suggestTemplate({ ...log.incident, title, symptoms: '' })
    expect(said('API keys leaked in a public log')).toBe('security')
    expect(said('Game day: kill the primary database')).toBe('drill')
    expect(said('Near miss: expired certificate caught by a canary')).toBe('near-miss')
    expect(said('Checkout returns 502')).toBe('standard')
  })

  it('drafts a customer message in plain words, with the times and their zone', () => {
    expect(customerMessage(log.incident, 'UTC')).toBe(
      'Between 26 Nov 2026, 13:50 and 26 Nov 2026, 15:00 (UTC), some of you were affected by an issue: Checkout returns 502. It has been resolved. We are sorry for the disruption, and we are making changes so that it does not happen again.',
    )
  })
})
