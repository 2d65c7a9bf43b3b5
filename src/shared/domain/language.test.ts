import { describe, expect, it } from 'vitest'
import { LANGUAGE_RULES, languageFindings, nameRule } from './language'

const rulesIn = (text: string) => languageFindings(text).map((f) => f.rule)

describe('the blameless-language checker', () => {
  it.each([
    ['The outage was caused by human error.', 'human-error'],
    ['Operator error during the deploy.', 'human-error'],
    ['We should have rolled back sooner.', 'should-have'],
    ["The on-call shouldn't have restarted it.", 'should-have'],
    ['This could have been caught in review.', 'could-have'],
    ['If only the alert had fired.', 'if-only'],
    ['A careless config change.', 'careless'],
    ['The team failed to update the runbook.', 'failed-to'],
    ['Someone forgot to renew the certificate.', 'failed-to'],
    ['Obviously the cache was stale.', 'obviously'],
    ['The deploy script was to blame.', 'blame'],
    ["It was the DBA's fault.", 'blame'],
  ])('flags "%s" (%s), with a reason and a suggestion', (text, rule) => {
    const [finding, ...more] = languageFindings(text)
    expect(finding?.rule).toBe(rule)
    expect(more).toEqual([])
    expect(text.slice(finding!.from, finding!.to)).toBe(finding!.text)
    expect(finding!.reason.length).toBeGreaterThan(10)
    expect(finding!.suggestion.length).toBeGreaterThan(10)
  })

  it.each([
    'The health check should return 200 within 2 seconds.',
    'Users could not check out for 23 minutes.',
    'The runbook has a step to renew the certificate.',
    'The alert failed over to the secondary pager.',
    'A human reviewed every change.',
    'The error rate rose to 40%.',
    'Shoulder season traffic peaked at 3x.',
  ])('leaves "%s" alone', (text) => {
    expect(rulesIn(text)).toEqual([])
  })

  it('finds every phrase in a paragraph, in order', () => {
    expect(rulesIn('We failed to notice; we should have paged. Human error, obviously.')).toEqual([
      'failed-to',
      'should-have',
      'human-error',
      'obviously',
    ])
  })

  it('flags a person named in a cause, not other words that contain the name', () => {
    const names = nameRule(['Dana Reyes', 'al', ''])!
    const found = languageFindings('Dana pushed the config; Reyes approved it. Danarium is fine.', [
      ...LANGUAGE_RULES,
      names,
    ])
    expect(found.map((f) => f.text)).toEqual(['Dana', 'Reyes'])
    expect(nameRule(['', '  '])).toBeNull()
  })
})
