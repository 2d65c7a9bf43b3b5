/**
 * The post-mortem document: Tiptap JSON. The first time it opens it is pre-filled from the record;
 * the parts generated from the record live in `recordSection` nodes, which "Refresh from record"
 * replaces without touching anything the user wrote. Action items are a live `actionItems` node:
 * the table always shows the items as they are in the database.
 */
import { z } from 'zod'
import type { TimelineEvent } from './events'
import { responseDurations } from './metrics'
import {
  FIX_STEPS,
  RECENT_CHANGES,
  incidentTitle,
  type Incident,
  type MonitoringResult,
} from './model'
import { MILESTONES, storyEntries } from './timeline'
import {
  DETECTION_SOURCE_LABELS,
  FIX_STEP_LABELS,
  HYPOTHESIS_RESULT_LABELS,
  INCIDENT_KIND_LABELS,
  MONITORING_RESULT_LABELS,
  OUTCOME_LABELS,
  RECENT_CHANGE_LABELS,
  SCOPE_LABELS,
  STATUS_LABELS,
  STRATEGY_LABELS,
  lower,
} from './vocabulary'
import { formatDuration } from './time'
import { formatStamp, zoneLabel } from './zone'

export interface DocNode {
  type: string
  attrs?: Record<string, unknown>
  content?: DocNode[]
  text?: string
  marks?: { type: string; attrs?: Record<string, unknown> }[]
}
export interface PostmortemDoc extends DocNode {
  type: 'doc'
  content: DocNode[]
}

/** Loose on shape (the editor's schema is the real check), strict on size. */
export const postmortemDocSchema = z
  .object({ type: z.literal('doc'), content: z.array(z.looseObject({ type: z.string() })) })
  .refine((doc) => JSON.stringify(doc).length < 5_000_000, 'The document is larger than 5 MB.')

export const RECORD_SECTIONS = [
  'facts',
  'impact',
  'detection',
  'timeline',
  'root-cause',
  'resolution',
] as const
export type RecordSectionKind = (typeof RECORD_SECTIONS)[number]

/** Blameless prompts for the sections the user writes, shown while they are empty. */
export const SECTION_PROMPTS: Record<string, string> = {
  Summary: 'In two or three sentences: what happened, how bad it was, how it ended.',
  Impact: 'Who noticed, and what could they not do?',
  'What went well': 'Fast detection? A clean rollback? A runbook that helped?',
  'What went poorly':
    'Slow response? Missing monitoring? A confusing alert? Ask about systems, not people.',
  'Where we got lucky': 'What could have made this much worse, and did not?',
  Lessons: 'What would you tell yourself a month ago?',
  'What we knew at the time':
    'Beside the timeline: what the people responding knew and believed at each step, and why each decision made sense then.',
  'Why were we surprised?': 'Which belief about the system turned out wrong?',
  'How could we have cut detection time in half?':
    'Which signal was there first? What alert, dashboard or check would have shown it?',
  'Internal summary': 'For the team and leadership: plain facts, no jargon.',
  'Customer message': 'Plain text for a status page or an email to customers.',
  Exposure: 'What was exposed, to whom, and for how long?',
  'Data affected': 'Which data, how many records or accounts, what sensitivity?',
  Disclosure: 'Who must be told (customers, regulators, partners), by when, and who tells them?',
  Containment: 'How access was cut off, credentials rotated, and how we know it is contained.',
  'What almost happened': 'The outage that did not happen: what would users have seen?',
  "Why it didn't": 'What caught it in time: a check, a person, luck?',
  Scenario: 'What was simulated, and what the team was told beforehand.',
  'What we practised': 'Which runbooks, tools and roles were exercised?',
  'What we learned about our readiness': 'What worked, what was missing, what surprised us?',
}

export const TEMPLATES = ['standard', 'security', 'near-miss', 'drill'] as const
export type TemplateKind = (typeof TEMPLATES)[number]

export const TEMPLATE_LABELS: Record<TemplateKind, string> = {
  standard: 'Standard',
  security: 'Security incident',
  'near-miss': 'Near miss',
  drill: 'Drill / game day',
}

/** The headings that tell the templates apart, as the document holds them. */
const TEMPLATE_MARKS: [TemplateKind, string][] = [
  ['security', 'Exposure'],
  ['near-miss', 'What almost happened'],
  ['drill', 'Scenario'],
]

/** The template a document was started from (read from its headings). */
export function templateOf(doc: PostmortemDoc): TemplateKind {
  const headings = new Set(
    doc.content
      .filter((n) => n.type === 'heading')
      .map((n) => (n.content ?? []).map((c) => c.text ?? '').join('')),
  )
  return TEMPLATE_MARKS.find(([, heading]) => headings.has(heading))?.[0] ?? 'standard'
}

/** The template the incident suggests, from the words in its title and symptoms. */
export function suggestTemplate(incident: Incident): TemplateKind {
  const words = `${incident.title} ${incident.symptoms}`.toLowerCase()
  if (/\b(drill|game ?day|exercise|chaos test)\b/.test(words)) return 'drill'
  if (/\b(near[- ]miss|almost|caught before)\b/.test(words)) return 'near-miss'
  if (
    /\b(security|breach|leak(ed)?|exposed?|cve-|unauthori[sz]ed|credential|phishing|malware)/.test(
      words,
    )
  )
    return 'security'
  return 'standard'
}

const text = (value: string, bold = false): DocNode => ({
  type: 'text',
  text: value,
  ...(bold ? { marks: [{ type: 'bold' }] } : {}),
})
const paragraph = (...parts: DocNode[]): DocNode =>
  parts.length ? { type: 'paragraph', content: parts } : { type: 'paragraph' }
const heading = (level: number, value: string): DocNode => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
})
const fact = (label: string, value: string): DocNode =>
  paragraph(text(`${label}: `, true), ...(value ? [text(value)] : []))
const bullets = (items: DocNode[][]): DocNode => ({
  type: 'bulletList',
  content: items.map((parts) => ({ type: 'listItem', content: [paragraph(...parts)] })),
})
const section = (kind: RecordSectionKind, content: DocNode[]): DocNode => ({
  type: 'recordSection',
  attrs: { kind },
  content: content.length ? content : [paragraph(text('Nothing recorded yet.'))],
})

/** The durations every post-mortem reports, with what each one measures. */
export const DURATION_DEFINITIONS = {
  timeToDetect: 'impact start to detection',
  timeToMitigate: 'impact start to users verified back',
  timeToResolve: 'impact start to resolution',
} as const

const MONITORING_RESULT_WORDS: Record<MonitoringResult, string> = {
  held: `${MONITORING_RESULT_LABELS.held}: the fix held`,
  regressed: `${MONITORING_RESULT_LABELS.regressed}: the fix did not hold`,
}

const joinNote = (...parts: string[]) => parts.filter((p) => p.trim()).join(' — ')
const list = (values: readonly string[]) => values.join(', ')
const codeBlock = (value: string): DocNode => ({
  type: 'codeBlock',
  attrs: { language: null },
  content: [text(value)],
})

function durationFacts(incident: Incident): DocNode[] {
  const d = responseDurations(incident)
  const line = (label: string, ms: number | null, key: keyof typeof DURATION_DEFINITIONS) =>
    fact(label, `${ms === null ? 'not yet' : formatDuration(ms)} (${DURATION_DEFINITIONS[key]})`)
  return [
    line('Time to detect', d.timeToDetect, 'timeToDetect'),
    line('Time to mitigate', d.timeToMitigate, 'timeToMitigate'),
    line('Time to resolve', d.timeToResolve, 'timeToResolve'),
  ]
}

/** The generated content of one record section, from what was recorded, with times in `zone`. */
export function recordSectionContent(
  kind: RecordSectionKind,
  incident: Incident,
  events: readonly TimelineEvent[],
  zone: string,
): DocNode[] {
  const stamp = (ms: number) => formatStamp(ms, zone)
  switch (kind) {
    case 'facts':
      return [
        fact('Date', stamp(incident.startedAt)),
        fact('Severity', incident.severity ?? 'Not classified'),
        fact('Status', STATUS_LABELS[incident.status]),
        ...(incident.kind && incident.kind !== 'incident'
          ? [fact('Kind', INCIDENT_KIND_LABELS[incident.kind])]
          : []),
        ...(incident.services.length ? [fact('Services', list(incident.services))] : []),
        ...(incident.tags?.length ? [fact('Tags', list(incident.tags))] : []),
        ...durationFacts(incident),
        fact('Times in', zoneLabel(zone, incident.startedAt)),
      ]
    case 'impact':
      return [
        fact(
          'Scope',
          joinNote(
            incident.scope ? SCOPE_LABELS[incident.scope] : 'Not assessed',
            incident.scopeNote,
          ),
        ),
        ...(incident.symptoms.trim() ? [fact('What users saw', incident.symptoms.trim())] : []),
        fact(
          'Duration',
          incident.resolvedAt !== null
            ? `${formatDuration(incident.resolvedAt - incident.startedAt)} (impact start to resolution)`
            : 'Ongoing',
        ),
        ...(incident.mitigatedAt !== null
          ? [fact('Users back after', formatDuration(incident.mitigatedAt - incident.startedAt))]
          : []),
        ...(incident.endpoints.length
          ? [fact('Affected endpoints', list(incident.endpoints))]
          : []),
        ...(incident.statusCodes.length ? [fact('Status codes', list(incident.statusCodes))] : []),
        ...(incident.errorMessages.trim()
          ? [paragraph(text('Error messages:', true)), codeBlock(incident.errorMessages)]
          : []),
      ]
    case 'detection':
      return [
        fact(
          'How',
          joinNote(DETECTION_SOURCE_LABELS[incident.detectionSource], incident.detectionNote),
        ),
        fact('Impact started', stamp(incident.startedAt)),
        fact('Detected', stamp(incident.detectedAt)),
        fact('Record opened', stamp(incident.openedAt)),
        fact(
          'Time to detect',
          formatDuration(Math.max(0, incident.detectedAt - incident.startedAt)),
        ),
      ]
    case 'timeline': {
      const story = storyEntries(events)
      return story.length
        ? [
            bullets(
              story.map((entry) => [
                text(stamp(entry.event.at), true),
                text(' — '),
                text(entry.text, MILESTONES.has(entry.event.kind)),
              ]),
            ),
          ]
        : []
    }
    case 'root-cause': {
      const rc = incident.rootCause
      const factors = incident.factors ?? []
      const confirmed = incident.hypotheses.filter((h) => h.result === 'confirmed')
      return [
        fact('Root cause', rc.summary),
        ...confirmed.map((h) => fact('Confirmed hypothesis', joinNote(h.statement, h.evidence))),
        fact('Trigger', rc.trigger),
        fact('Mechanism', rc.mechanism),
        fact('Impact', rc.impact),
        ...(factors.length
          ? [
              paragraph(text('Contributing factors', true)),
              bullets(factors.map((f) => [text(`${f.category}: `, true), text(f.text)])),
              ...(rc.contributingFactors.trim()
                ? [fact('More on contributing factors', rc.contributingFactors)]
                : []),
            ]
          : [fact('Contributing factors', rc.contributingFactors)]),
        ...(incident.hypotheses.length
          ? [
              paragraph(text('Hypotheses tested', true)),
              bullets(
                incident.hypotheses.map((h) => [
                  text(`${HYPOTHESIS_RESULT_LABELS[h.result]}: `, true),
                  text(h.statement),
                  ...(h.howToTest ? [text(`. Test: ${h.howToTest}`)] : []),
                  ...(h.evidence ? [text(`. Evidence: ${h.evidence}`)] : []),
                ]),
              ),
            ]
          : []),
      ]
    }
    case 'resolution': {
      const changes = RECENT_CHANGES.filter(
        (key) => incident.recentChanges[key].checked || incident.recentChanges[key].note.trim(),
      )
      const fixSteps = FIX_STEPS.map((step): [string, boolean] => [
        FIX_STEP_LABELS[step],
        incident.fixChecklist[step],
      ])
      return [
        ...(changes.length
          ? [
              paragraph(text('Recent changes', true)),
              bullets(
                changes.map((key) => [
                  text(
                    joinNote(
                      `${RECENT_CHANGE_LABELS[key]}${incident.recentChanges[key].checked ? '' : ' (not checked)'}`,
                      incident.recentChanges[key].note,
                    ),
                  ),
                ]),
              ),
            ]
          : []),
        fact(
          'Response strategy',
          joinNote(
            incident.strategy ? STRATEGY_LABELS[incident.strategy] : 'Not chosen',
            incident.strategyNote,
          ),
        ),
        ...(incident.mitigations.length
          ? [
              paragraph(text('Mitigations tried', true)),
              bullets(
                incident.mitigations.map((m) => [
                  text(stamp(m.at), true),
                  text(` — ${m.action}`),
                  text(
                    m.outcome
                      ? ` — ${lower(OUTCOME_LABELS[m.outcome])}`
                      : ' — outcome not recorded',
                  ),
                  ...(m.expected ? [text(`. Expected: ${m.expected}`)] : []),
                  ...(m.observed ? [text(`. Observed: ${m.observed}`)] : []),
                ]),
              ),
            ]
          : []),
        fact(
          'Users verified back',
          incident.mitigatedAt !== null ? stamp(incident.mitigatedAt) : 'not yet',
        ),
        fact(
          'Fix',
          incident.fixDeployedAt !== null
            ? `deployed ${stamp(incident.fixDeployedAt)}${incident.fixChecklist.regressionTest ? ', with a regression test' : ''}`
            : 'not deployed yet',
        ),
        paragraph(text('Fix checklist', true)),
        bullets(fixSteps.map(([label, done]) => [text(`${done ? 'Done' : 'Not done'}: ${label}`)])),
        fact(
          'Monitoring',
          incident.monitoringResult
            ? MONITORING_RESULT_WORDS[incident.monitoringResult]
            : incident.fixDeployedAt !== null
              ? 'in progress'
              : 'not started',
        ),
        ...(incident.resolvedAt !== null ? [fact('Resolved', stamp(incident.resolvedAt))] : []),
      ]
    }
  }
}

/** How long the incident spent at each severity, from the severity changes on its timeline. */
export function minutesAtSeverity(
  incident: Incident,
  events: readonly TimelineEvent[],
): Partial<Record<string, number>> {
  const end = incident.resolvedAt ?? incident.updatedAt
  const changes = events
    .filter((e) => e.kind === 'severity-changed')
    .map((e) => ({ at: Math.max(e.at, incident.startedAt), to: e.payload.to as string }))
    .sort((a, b) => a.at - b.at)
  // The impact before anyone classified it was at the severity it was first given.
  if (changes[0]) changes[0] = { ...changes[0], at: incident.startedAt }
  const out: Partial<Record<string, number>> = {}
  changes.forEach((c, i) => {
    const until = Math.min(changes[i + 1]?.at ?? end, end)
    if (until > c.at) out[c.to] = (out[c.to] ?? 0) + Math.round((until - c.at) / 60_000)
  })
  return out
}

const cell = (kind: 'tableHeader' | 'tableCell', value: string): DocNode => ({
  type: kind,
  content: [value ? paragraph(text(value)) : paragraph()],
})
const table = (rows: [string, string][]): DocNode => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: [cell('tableHeader', 'Measure'), cell('tableHeader', 'Number')] },
    ...rows.map(([label, value]) => ({
      type: 'tableRow',
      content: [cell('tableCell', label), cell('tableCell', value)],
    })),
  ],
})

/** Impact in numbers: the user fills what they know; minutes at each severity come filled. */
function impactTable(incident: Incident, events: readonly TimelineEvent[]): DocNode {
  const minutes = minutesAtSeverity(incident, events)
  return table([
    ['Users affected', ''],
    ['Requests failed', ''],
    ...Object.entries(minutes).map(([sev, m]): [string, string] => [
      `Minutes at ${sev}`,
      String(m),
    ]),
    ['Error budget burned', ''],
  ])
}

/** A first draft of the internal summary, from the record; the user edits it. */
export function internalSummary(incident: Incident, zone: string): string {
  const d = responseDurations(incident)
  const parts = [
    `On ${formatStamp(incident.startedAt, zone)} (${zoneLabel(zone, incident.startedAt)}): ${incidentTitle(incident)}.`,
    incident.severity ? `Severity ${incident.severity}.` : '',
    incident.scope ? `Affected: ${lower(SCOPE_LABELS[incident.scope])}.` : '',
    d.timeToDetect !== null ? `Detected after ${formatDuration(d.timeToDetect)}.` : '',
    d.timeToMitigate !== null ? `Users were back after ${formatDuration(d.timeToMitigate)}.` : '',
    d.timeToResolve !== null ? `Resolved after ${formatDuration(d.timeToResolve)}.` : '',
    incident.rootCause.summary.trim()
      ? `Cause: ${incident.rootCause.summary.trim().replace(/([^.!?])$/, '$1.')}`
      : '',
  ]
  return parts.filter(Boolean).join(' ')
}

/** A first draft of the message for customers: plain, no internals, no blame. */
export function customerMessage(incident: Incident, zone: string): string {
  const from = formatStamp(incident.startedAt, zone)
  const until = incident.resolvedAt !== null ? formatStamp(incident.resolvedAt, zone) : null
  const what = incident.symptoms.trim().split('\n')[0] || incidentTitle(incident)
  return [
    `Between ${from}${until ? ` and ${until}` : ''} (${zoneLabel(zone, incident.startedAt)}), some of you were affected by an issue: ${what}.`,
    until ? 'It has been resolved.' : 'We are working on it.',
    'We are sorry for the disruption, and we are making changes so that it does not happen again.',
  ].join(' ')
}

/** The document a post-mortem starts from, for a template. */
export function buildPostmortemTemplate(
  incident: Incident,
  events: readonly TimelineEvent[],
  zone: string,
  template: TemplateKind = 'standard',
): PostmortemDoc {
  const gen = (kind: RecordSectionKind) =>
    section(kind, recordSectionContent(kind, incident, events, zone))
  const write = (title: string): DocNode[] => [heading(2, title), paragraph()]
  const prefilled = (title: string, value: string): DocNode[] => [
    heading(2, title),
    paragraph(...(value ? [text(value)] : [])),
  ]
  const impact: DocNode[] =
    template === 'near-miss'
      ? [...write('What almost happened'), ...write("Why it didn't")]
      : [heading(2, 'Impact'), gen('impact'), impactTable(incident, events), paragraph()]
  return {
    type: 'doc',
    content: [
      heading(
        1,
        `${template === 'drill' ? 'Drill review' : 'Post-mortem'}: ${incidentTitle(incident)}`,
      ),
      gen('facts'),
      ...write('Summary'),
      ...(template === 'drill' ? [...write('Scenario'), ...write('What we practised')] : []),
      ...impact,
      ...(template === 'security'
        ? [
            ...write('Exposure'),
            ...write('Data affected'),
            ...write('Containment'),
            ...write('Disclosure'),
          ]
        : []),
      heading(2, 'Detection'),
      gen('detection'),
      heading(2, 'Timeline'),
      gen('timeline'),
      ...write('What we knew at the time'),
      heading(2, 'Root cause'),
      gen('root-cause'),
      heading(2, 'Resolution'),
      gen('resolution'),
      ...write('What went well'),
      ...write('What went poorly'),
      ...write('Where we got lucky'),
      ...write('Why were we surprised?'),
      ...write('How could we have cut detection time in half?'),
      ...(template === 'drill' ? write('What we learned about our readiness') : []),
      heading(2, 'Action items'),
      { type: 'actionItems' },
      ...write('Lessons'),
      ...prefilled('Internal summary', internalSummary(incident, zone)),
      ...(template === 'drill'
        ? []
        : prefilled('Customer message', customerMessage(incident, zone))),
    ],
  }
}

/**
 * Replaces every record section's content with what the record says now; nothing else changes.
 * The export runs it too, so a file never contradicts its own front matter.
 */
export function refreshFromRecord(
  doc: PostmortemDoc,
  incident: Incident,
  events: readonly TimelineEvent[],
  zone: string,
): PostmortemDoc {
  const refresh = (node: DocNode): DocNode => {
    if (node.type === 'recordSection') {
      const kind = node.attrs?.['kind'] as RecordSectionKind
      if (RECORD_SECTIONS.includes(kind))
        return section(kind, recordSectionContent(kind, incident, events, zone))
    }
    return node.content ? { ...node, content: node.content.map(refresh) } : node
  }
  return refresh(doc) as PostmortemDoc
}
