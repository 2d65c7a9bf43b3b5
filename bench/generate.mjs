// Deterministic benchmark data: incidents across every phase and severity, about 20 timeline events
// each, action items and post-mortems of realistic length. Like real history (unless `busy`): the
// first seven incidents are one in each phase, then about one in twenty is still in progress, and
// of the rest nine in ten are closed with their post-mortem final and their action items verified;
// the text draws on a vocabulary of a couple of thousand words, a few of them common. `busy` keeps
// five in seven incidents in progress (a team in a bad month: many reminders due at once). Plain JavaScript without imports, because
// it also runs inside the page (passed to page.evaluate). A unit test checks every record against
// the app's schemas, so the benchmark measures data the app really stores.

export function generateDataset(count, options = {}) {
  const eventsPer = options.eventsPer ?? 20
  const bigEvents = options.bigEvents ?? 200
  const from = options.from ?? 0
  // Each incident draws from its own stream (the seed mixed with its number), so any slice of the
  // history (`from`, `count`) can be made alone, the same whichever slices it is made in.
  let seed = 0
  const reseed = (i) => {
    seed = Math.imul((options.seed ?? 42) ^ Math.imul(i + 1, 0x9e3779b1), 0x85ebca6b) >>> 0
  }
  const random = () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296
    return seed / 4294967296
  }
  const pick = (list) => list[Math.floor(random() * list.length)]
  const PHASES = ['capture', 'triage', 'mitigate', 'diagnose', 'fix', 'postmortem', 'prevention']
  const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4']
  const WORDS =
    'checkout payments login search gateway queue worker cache database timeout latency memory disk replica dns certificate deploy config rollback flag region upstream webhook export import cron index'.split(
      ' ',
    )
  const FACTORS = ['Change', 'Capacity', 'Dependency', 'Configuration', 'Detection gap', 'Process']
  // Made-up words from syllables (linear: no lookups), beside the technical words above, which
  // stay common enough that the benchmark's searches find something.
  const SYLLABLES = 'ka to ri me su la no vi de ra po li ne ta mo'.split(' ')
  const FILLER = Array.from(
    { length: 2000 },
    (_, k) =>
      SYLLABLES[k % 15] + SYLLABLES[Math.floor(k / 15) % 15] + SYLLABLES[Math.floor(k / 225) % 15],
  )
  const word = () => (random() < 0.3 ? pick(WORDS) : pick(FILLER))
  const phrase = (n) => Array.from({ length: n }, word).join(' ')
  const busy = options.busy ?? false
  const start = Date.UTC(2023, 0, 1)
  const DAY = 86_400_000
  const incidents = []
  const events = []
  const actionItems = []
  const postmortems = []
  for (let i = from; i < from + count; i++) {
    reseed(i)
    const id = `bench-${String(i).padStart(6, '0')}`
    const openedAt = start + Math.floor(random() * 1000 * DAY)
    const inProgress = busy || i < PHASES.length || i % 20 === 3
    const phaseIndex = inProgress ? i % PHASES.length : PHASES.length - 1
    const phase = PHASES[phaseIndex]
    const resolved = phaseIndex >= 5
    const resolvedAt = resolved ? openedAt + Math.floor(random() * 8 * 3_600_000) : null
    const closed = resolved && !inProgress && i % 10 !== 9
    const closedAt = closed ? resolvedAt + 21 * DAY : null
    const severity = phaseIndex === 0 ? null : SEVERITIES[i % 4]
    // Two named incidents the benchmark opens: one early in the process, one with a long post-mortem.
    const big = i === 0 || i === 5
    const title =
      i === 0
        ? 'Benchmark incident with many events'
        : i === 5
          ? 'Benchmark incident with a long post-mortem'
          : `${phrase(3)} ${pick(['returns 502', 'is slow', 'fails', 'times out', 'drops requests'])}`
    const n = big ? bigEvents : eventsPer
    let seq = 0
    const own = [] // this incident's events (a filter over all of them made seeding quadratic)
    // Recorded when written down: a backdated impact start is recorded when the incident opens.
    const event = (kind, at, payload) => {
      const record = {
        id: `${id}-e${++seq}`,
        incidentId: id,
        seq,
        at,
        recordedAt: Math.max(at, openedAt),
        kind,
        payload,
      }
      events.push(record)
      own.push(record)
    }
    event('incident-opened', openedAt, { title })
    event('impact-started', openedAt - 10 * 60_000, {})
    event('detected', openedAt, {})
    for (let k = 3; k < n; k++) event('note', openedAt + k * 60_000, { text: phrase(8) })
    const notes = own
      .filter((e) => e.kind === 'note')
      .map((e) => ({ id: e.id, text: e.payload.text }))
    incidents.push({
      id,
      title,
      symptoms: `${phrase(12)}.\n${phrase(20)}`,
      errorMessages: `Error: ${phrase(5)} at ${pick(WORDS)}.js:${Math.floor(random() * 900)}`,
      statusCodes: ['502'],
      endpoints: [`POST /api/${pick(WORDS)}`],
      detectionSource: 'monitoring',
      detectionNote: '',
      scope: phaseIndex > 1 ? 'some-users' : null,
      scopeNote: '',
      recentChanges: {
        deploys: { checked: false, note: '' },
        migrations: { checked: false, note: '' },
        config: { checked: false, note: '' },
        dependencies: { checked: false, note: '' },
      },
      strategy: phaseIndex > 1 ? 'rollback' : null,
      strategyNote: '',
      services: [pick(WORDS)],
      rootCause: {
        trigger: '',
        mechanism: '',
        impact: '',
        summary: phrase(10),
        contributingFactors: '',
      },
      fixChecklist: {
        fixWritten: resolved,
        regressionTest: resolved,
        testedLocally: resolved,
        testedStaging: resolved,
        deployed: resolved,
        mitigationRemoved: resolved,
        verified: resolved,
      },
      phase,
      phaseEnteredAt: openedAt,
      status: closed ? 'closed' : resolved ? 'resolved' : 'active',
      severity,
      openedAt,
      // Most incidents noticed within minutes, a few after hours: a long tail, like real history.
      startedAt: openedAt - Math.floor((2 + random() ** 3 * 240) * 60_000),
      detectedAt: openedAt,
      updatedAt: openedAt + n * 60_000,
      mitigatedAt:
        phaseIndex > 2
          ? Math.min(
              openedAt + Math.floor((5 + random() ** 2 * 300) * 60_000),
              resolvedAt ?? Infinity,
            )
          : null,
      fixDeployedAt: resolved ? resolvedAt : null,
      resolvedAt,
      closedAt,
      closeReason: '',
      notes,
      monitoringResult: null,
      deletedAt: null,
      statusBeforeDelete: null,
      mitigations: [],
      hypotheses: [],
      factors: resolved ? [{ id: `${id}-f1`, category: pick(FACTORS), text: phrase(6) }] : [],
      kind: i % 20 === 7 ? 'drill' : i % 20 === 13 ? 'near-miss' : 'incident',
      postmortemStatus: closed ? 'final' : resolved ? 'draft' : 'none',
      postmortemFinalAt: closed ? resolvedAt + 5 * DAY : null,
      breakUntil: null,
      reminders: {},
      lastSeq: seq,
    })
    if (resolved) {
      const items = big ? 20 : 2
      for (let k = 0; k < items; k++)
        actionItems.push({
          id: `${id}-a${k}`,
          incidentId: id,
          title: `${phrase(4)} alert`,
          type: 'detect',
          owner: '',
          dueAt: resolvedAt + 14 * DAY,
          measure: phrase(4),
          status: closed ? 'verified' : 'open',
          createdAt: resolvedAt,
          updatedAt: closed ? closedAt : resolvedAt,
          doneAt: closed ? resolvedAt + 10 * DAY : null,
          verifiedAt: closed ? closedAt : null,
        })
      const paragraphs = big ? 400 : 12
      postmortems.push({
        incidentId: id,
        updatedAt: resolvedAt,
        doc: {
          type: 'doc',
          content: [
            {
              type: 'heading',
              attrs: { level: 1 },
              content: [{ type: 'text', text: `Post-mortem: ${title}` }],
            },
            ...Array.from({ length: paragraphs }, (_, p) =>
              p % 10 === 0
                ? {
                    type: 'heading',
                    attrs: { level: 2 },
                    content: [{ type: 'text', text: phrase(3) }],
                  }
                : { type: 'paragraph', content: [{ type: 'text', text: `${phrase(40)}.` }] },
            ),
            { type: 'actionItems' },
          ],
        },
      })
    }
  }
  return { incidents, events, actionItems, postmortems }
}
