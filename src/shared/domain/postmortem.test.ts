import { describe, expect, it } from 'vitest'
import { emptyIncident } from './events'
import { incidentDetailsSchema, type IncidentDetails } from './model'
import { buildPostmortemTemplate, type DocNode } from './postmortem'
import { IncidentLog, T0 } from './test-helpers'
import { DAY, HOUR, MINUTE } from './time'

const textOf = (node: DocNode): string =>
  (node.text ?? '') + (node.content ?? []).map(textOf).join(node.type === 'doc' ? '\n' : '')

/**
 * Every text a user can type into an incident's details, each set to its own marker: a field added
 * to the model but left out of the post-mortem fails the test below.
 */
function everyDetailTyped(): { details: Partial<IncidentDetails>; markers: string[] } {
  const markers: string[] = []
  const mark = (path: string) => {
    const value = `«${path}»`
    markers.push(value)
    return value
  }
  const fill = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') return mark(path)
    if (Array.isArray(value)) return [mark(`${path}.0`), mark(`${path}.1`)]
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => [key, fill(inner, `${path}.${key}`)]),
      )
    return value
  }
  const base = emptyIncident('x', T0)
  // Choices, not text: each set to one whose words are checked below.
  const choices = { detectionSource: 'user-report', scope: 'some-users', strategy: 'rollback' }
  const details = Object.fromEntries(
    Object.keys(incidentDetailsSchema.shape)
      .filter((key) => !(key in choices))
      .map((key) => [key, fill(base[key as keyof IncidentDetails], key)]),
  ) as Partial<IncidentDetails>
  return { details: { ...details, ...choices } as Partial<IncidentDetails>, markers }
}

describe('the post-mortem from the record', () => {
  it('carries every fact typed into Capture, Triage, Mitigate, Diagnose and Fix', () => {
    const { details, markers } = everyDetailTyped()
    const log = new IncidentLog('inc-pm', {
      now: T0,
      title: 'x',
      startedAt: T0 - 30 * MINUTE,
      detectedAt: T0 - 10 * MINUTE,
    })
    const hypothesis = (id: string, statement: string) => ({
      id,
      statement,
      howToTest: `${statement} test`,
      result: 'untested' as const,
      evidence: '',
    })
    log.record([
      { kind: 'details-edited', at: T0, payload: { changes: details } },
      {
        kind: 'mitigation-action',
        at: T0 + 5 * MINUTE,
        payload: {
          mitigation: {
            id: 'm1',
            at: T0 + 5 * MINUTE,
            action: '«attempt»',
            expected: '«expected»',
            observed: '«observed»',
            outcome: 'partial',
          },
        },
      },
      { kind: 'mitigation-verified', at: T0 + 20 * MINUTE, payload: {} },
      {
        kind: 'hypothesis-added',
        at: T0 + HOUR,
        payload: { hypothesis: hypothesis('h1', '«h1»') },
      },
      {
        kind: 'hypothesis-added',
        at: T0 + HOUR,
        payload: { hypothesis: hypothesis('h2', '«h2»') },
      },
      {
        kind: 'hypothesis-tested',
        at: T0 + 2 * HOUR,
        payload: { hypothesisId: 'h1', result: 'confirmed', evidence: '«e1»' },
      },
      {
        kind: 'hypothesis-tested',
        at: T0 + 2 * HOUR,
        payload: { hypothesisId: 'h2', result: 'ruled-out', evidence: '«e2»' },
      },
      { kind: 'note', at: T0 + 3 * HOUR, payload: { text: '«note»' } },
      { kind: 'fix-deployed', at: T0 + DAY, payload: {} },
      { kind: 'resolved', at: T0 + DAY + HOUR, payload: {} },
      { kind: 'monitoring-ended', at: T0 + 2 * DAY, payload: { result: 'held', note: '«held»' } },
    ])
    const doc = buildPostmortemTemplate(log.incident, log.events, 'UTC')
    const text = textOf(doc)
    const expected = [
      ...markers,
      '«attempt»',
      '«expected»',
      '«observed»',
      '«h1»',
      '«h1» test',
      '«h2»',
      '«e1»',
      '«e2»',
      '«note»',
      '«held»',
    ]
    for (const marker of expected) expect(text, marker).toContain(marker)
    // The confirmed hypothesis is named as such in the root cause.
    expect(text).toContain('Confirmed hypothesis: «h1» — «e1»')
    expect(text).toContain('Ruled out: «h2»')
    expect(text).toContain('User report')
    expect(text).toContain('Some users')
    expect(text).toContain('Roll back')
    expect(text).toContain('partly worked')
  })

  it('reports the standard durations of a back-filled incident, years later, in minutes and words', () => {
    const started = Date.UTC(2021, 9, 4, 15, 39) // 4 Oct 2021, 15:39 UTC
    const log = new IncidentLog('inc-old', {
      now: T0, // opened five years later
      title: 'x',
      startedAt: started,
      detectedAt: started + 12 * MINUTE,
    })
    log.record([
      { kind: 'mitigation-verified', at: started + 6 * HOUR + 5 * MINUTE, payload: {} },
      { kind: 'resolved', at: started + 7 * HOUR, payload: {} },
    ])
    const text = textOf(buildPostmortemTemplate(log.incident, log.events, 'UTC'))
    expect(text).toContain('Time to detect: 12m (impact start to detection)')
    expect(text).toContain('Time to mitigate: 6h 5m (impact start to users verified back)')
    expect(text).toContain('Time to resolve: 7h (impact start to resolution)')
    expect(text).toContain('Impact started: 4 Oct 2021, 15:39')
    expect(text).toContain('Record opened: 26 Nov 2026, 14:00')
  })
})
