import { describe, expect, it } from 'vitest'
import { newActionItem } from './action-items'
import type { EventDraft } from './events'
import type { ActionItem, Incident } from './model'
import type { PostmortemDoc } from './postmortem'
import { buildPostmortemTemplate } from './postmortem'
import { languageNotes, reviewGaps, sectionText } from './review'
import { IncidentLog, T0 } from './test-helpers'
import { HOUR, MINUTE } from './time'

const ev = (kind: string, at: number, payload: object = {}) => ({ kind, at, payload }) as EventDraft

/** An incident as complete as the gate wants it. */
function complete(): Incident {
  return new IncidentLog()
    .record(
      ev('details-edited', T0 + MINUTE, {
        changes: {
          scope: 'some-users',
          rootCause: {
            trigger: 'A config push',
            mechanism: 'The pool size dropped to 1',
            impact: '',
            summary: '',
            contributingFactors: 'No canary for config',
          },
        },
      }),
    )
    .record(ev('mitigation-verified', T0 + 20 * MINUTE))
    .record(ev('resolved', T0 + HOUR))
    .record(ev('postmortem-roles', T0 + 2 * HOUR, { owner: 'Dana', facilitator: '' })).incident
}

const written = (incident: Incident): PostmortemDoc => {
  const doc = buildPostmortemTemplate(incident, [], 'UTC')
  const fill = (heading: string, words: string) => {
    const at = doc.content.findIndex(
      (n) => n.type === 'heading' && n.content?.[0]?.text === heading,
    )
    const slot = doc.content.slice(at + 1).findIndex((n) => n.type === 'paragraph')
    doc.content[at + 1 + slot] = { type: 'paragraph', content: [{ type: 'text', text: words }] }
  }
  fill('Summary', 'Checkout failed for some users.')
  fill('Impact', '1,200 checkouts failed over 40 minutes.')
  fill('Lessons', 'Config is code.')
  return doc
}

const item = (incident: Incident, over: Partial<ActionItem> = {}): ActionItem => ({
  ...newActionItem(
    { title: 'Canary config pushes', owner: 'Sam', measure: 'A bad push stops at 1%' },
    incident,
    {
      id: 'a1',
      now: T0 + 2 * HOUR,
    },
  ),
  priority: 'P1',
  ...over,
})

describe('the review gate', () => {
  it('finds nothing missing in a complete post-mortem', () => {
    const incident = complete()
    expect(reviewGaps(incident, [item(incident)], written(incident))).toEqual([])
  })

  it('sends each gap to the place to fill it', () => {
    const bare = new IncidentLog().incident
    const gaps = reviewGaps(bare, [], buildPostmortemTemplate(bare, [], 'UTC'))
    expect(gaps.map((g) => [g.id, g.target])).toEqual([
      ['owner', { kind: 'owner' }],
      ['mitigated', { kind: 'field', phase: 'mitigate', field: 'mitigatedAt' }],
      ['resolved', { kind: 'field', phase: 'fix', field: 'resolvedAt' }],
      ['summary', { kind: 'section', heading: 'Summary' }],
      ['scope', { kind: 'field', phase: 'triage', field: 'scope' }],
      ['impact-numbers', { kind: 'section', heading: 'Impact' }],
      ['trigger', { kind: 'field', phase: 'diagnose', field: 'rootCause.trigger' }],
      ['mechanism', { kind: 'field', phase: 'diagnose', field: 'rootCause.mechanism' }],
      ['factors', { kind: 'field', phase: 'diagnose', field: 'factors' }],
      ['no-items', { kind: 'action-item' }],
      ['lessons', { kind: 'section', heading: 'Lessons' }],
    ])
  })

  it('asks impact for numbers, and each open action item for what it lacks', () => {
    const incident = complete()
    const doc = written(incident)
    doc.content = doc.content.map((n) =>
      n.content?.[0]?.text === '1,200 checkouts failed over 40 minutes.'
        ? { type: 'paragraph', content: [{ type: 'text', text: 'Many checkouts failed.' }] }
        : n,
    )
    const items = [
      item(incident, { owner: '', dueAt: null, priority: undefined }),
      item(incident, { id: 'a2', measure: '', status: 'done' }),
    ]
    expect(reviewGaps(incident, items, doc).map((g) => g.message)).toEqual([
      'Put numbers on the impact: how many users or requests, for how long.',
      '"Canary config pushes" needs an owner, a due date and a priority.',
    ])
  })

  it('does not ask for a section the document does not have', () => {
    const incident = complete()
    const doc = written(incident)
    doc.content = doc.content.filter(
      (n) => !(n.type === 'heading' && n.content?.[0]?.text === 'Lessons'),
    )
    expect(sectionText(doc, 'Lessons')).toBeNull()
    expect(reviewGaps(incident, [item(incident)], doc)).toEqual([])
  })

  it('reads only what the user wrote under a heading, not what came from the record', () => {
    const incident = complete()
    expect(sectionText(buildPostmortemTemplate(incident, [], 'UTC'), 'Impact')).toBe('')
  })

  it('lists blameless-language notes, including an owner named in a cause', () => {
    const incident = complete()
    const doc = written(incident)
    doc.content.push({
      type: 'paragraph',
      content: [{ type: 'text', text: 'We should have paged.' }],
    })
    const blamed = {
      ...incident,
      rootCause: { ...incident.rootCause, trigger: 'Sam pushed a bad config' },
    }
    expect(languageNotes(blamed, [item(incident)], doc).map((f) => f.text)).toEqual([
      'should have',
      'Sam',
    ])
  })
})
