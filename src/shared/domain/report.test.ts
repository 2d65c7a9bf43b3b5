import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { newActionItem } from './action-items'
import { summarizeWith } from './summary'
import { periodMetrics } from './metrics'
import type { Incident } from './model'
import { periodOf } from './periods'
import { reviewReport } from './report'
import { DEFAULT_SETTINGS } from './settings'
import { IncidentLog } from './test-helpers'
import { DAY, HOUR, MINUTE } from './time'

const NOW = Date.UTC(2026, 10, 27, 9)
const zone = 'America/New_York'

function incident(id: string, startedAt: number, over: Partial<Incident> = {}): Incident {
  return {
    ...new IncidentLog(id, { now: startedAt, title: id }).incident,
    startedAt,
    detectedAt: startedAt + 4 * MINUTE,
    mitigatedAt: startedAt + 40 * MINUTE,
    resolvedAt: startedAt + 2 * HOUR,
    status: 'resolved',
    severity: 'SEV2',
    ...over,
  }
}

describe('the review report', () => {
  const period = periodOf('last-quarter', { now: NOW, zone })
  const a = incident('a', Date.UTC(2026, 6, 3, 14), {
    title: 'Checkout **502** <img src=x onerror=alert(1)>',
    services: ['checkout'],
    rootCause: {
      ...new IncidentLog().incident.rootCause,
      summary: 'Pool exhausted after a deploy',
    },
    factors: [{ id: 'f', category: 'Change', text: '' }],
  })
  const b = incident('b', Date.UTC(2026, 8, 30, 23, 30), {
    services: ['checkout', 'auth'],
    symptoms: 'Logins time out\nmore lines',
    factors: [{ id: 'g', category: 'Change', text: '' }],
  })
  const drill = incident('drill', Date.UTC(2026, 7, 1), { kind: 'drill' })
  const items = [
    {
      ...newActionItem({ title: 'Add pool alarm', owner: 'Ana' }, a, { id: 'i1', now: NOW }),
      dueAt: NOW - 20 * DAY,
    },
    newActionItem({ title: 'Write | runbook' }, b, { id: 'i2', now: NOW }),
  ]
  const metrics = periodMetrics(
    [a, b, drill].map((i) =>
      summarizeWith(
        i,
        items.filter((item) => item.incidentId === i.id),
      ),
    ),
    items,
    { ...period, kinds: ['incident'] },
    {
      now: NOW,
      zone,
      settings: DEFAULT_SETTINGS,
    },
  )
  const md = reviewReport(metrics, period, {
    zone,
    now: NOW,
    charts: {
      incidents: {
        file: '2026-11-27-reliability-review-2026-q3-incidents.svg',
        title: 'Incidents per week',
      },
    },
  })

  it('names the period in the user’s zone, and what it left out', () => {
    expect(md).toMatch(/^# Reliability review: Q3 2026\n/)
    expect(md).toContain('From 1 Jul 2026 to 30 Sep 2026, times in America/New_York (UTC-04:00).')
    // 30 Sep 23:30 UTC is 19:30 in New York: still in Q3 there.
    expect(md).toContain('2 incidents started in the period (1 drill not counted).')
  })

  it('lists every incident with its one line, escaped so nothing typed becomes markup', () => {
    expect(md).toContain(
      '| 3 Jul 2026, 10:00 | SEV2 | Checkout \\*\\*502\\*\\* \\<img src=x onerror=alert\\(1\\)\\> | checkout | Resolved | Pool exhausted after a deploy |',
    )
    expect(md).toContain(
      '| 30 Sep 2026, 19:30 | SEV2 | b | checkout, auth | Resolved | Logins time out |',
    )
    // Parsed as GitHub Markdown, the file holds no HTML at all.
    const html: string[] = []
    const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
      if (node.type === 'html') html.push(node.value ?? '')
      node.children?.forEach((child) => walk(child as typeof node))
    }
    walk(fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }))
    expect(html).toEqual([])
    expect(md).toContain(
      '![Incidents per week](2026-11-27-reliability-review-2026-q3-incidents.svg)',
    )
  })

  it('gives medians and p90s, what keeps coming up, open items by owner, and questions', () => {
    expect(md).toContain('| Median time to mitigate | 40m (p90 40m, 2) |')
    expect(md).toContain('| Severity: SEV2 | 2 | 40m | 40m | 40m | 40m |')
    expect(md).toContain('Services: checkout (2), auth (1).')
    expect(md).toContain('| Change | 2 |')
    expect(md).toMatch(
      /### Ana\n\n- Add pool alarm \(Checkout .*\): due 7 Nov 2026, overdue by 20 days\n/,
    )
    expect(md).toContain('### Nobody yet\n\n- Write \\| runbook (b): due')
    expect(md).toContain('- checkout was involved in 2 incidents.')
    expect(md).toContain('- “Change” contributed 2 times.')
    expect(md).toContain('- 2 action items overdue, the oldest by 43 days.')
    expect(md).toContain('| Service: checkout | 2 | 40m |')
  })

  it('counts drills when asked, and marks them in the list', () => {
    const withDrills = periodMetrics(
      [a, b, drill].map((i) => summarizeWith(i, [])),
      [],
      { ...period, kinds: ['incident', 'drill'] },
      { now: NOW, zone, settings: DEFAULT_SETTINGS },
    )
    const report = reviewReport(withDrills, period, { zone, now: NOW, charts: {} })
    expect(report).toContain('3 incidents started in the period, 1 of them drills or near misses.')
    expect(report).toContain('| SEV2 | drill (drill) |')
  })

  it('says when there is nothing to review', () => {
    const empty = periodMetrics(
      [],
      [],
      { ...period, kinds: ['incident'] },
      { now: NOW, zone, settings: DEFAULT_SETTINGS },
    )
    expect(reviewReport(empty, period, { zone, now: NOW, charts: {} })).toContain(
      'Nothing to review.',
    )
  })
})
