/**
 * The post-mortem document: Tiptap JSON. The first time it opens it is pre-filled from the record;
 * the parts generated from the record live in `recordSection` nodes, which "Refresh from record"
 * replaces without touching anything the user wrote. Action items are a live `actionItems` node:
 * the table always shows the items as they are in the database.
 */
import { format } from 'date-fns'
import { z } from 'zod'
import type { TimelineEvent } from './events'
import { incidentTitle, type Incident, type MitigationOutcome, type Scope } from './model'
import { describeEvent, visibleTimeline } from './timeline'

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

export const formatStamp = (ms: number): string => format(ms, 'd MMM yyyy, HH:mm')

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  return [d && `${d}d`, h && `${h}h`, (m || (!d && !h)) && `${m}m`].filter(Boolean).join(' ')
}

const SCOPE_WORDS: Record<Scope, string> = {
  'all-users': 'All users',
  'some-users': 'Some users',
  'one-endpoint': 'One endpoint',
  'all-endpoints': 'All endpoints',
}
const DETECTION_WORDS: Record<Incident['detectionSource'], string> = {
  monitoring: 'Monitoring alert',
  'user-report': 'User report',
  'error-log': 'Error log',
  'own-observation': 'Own observation',
  other: 'Other',
}
const OUTCOME_WORDS: Record<MitigationOutcome, string> = {
  worked: 'worked',
  partial: 'partly worked',
  failed: 'failed',
}
const STATUS_WORDS = { active: 'Active', resolved: 'Resolved', closed: 'Closed' } as const

/** Markers for the moments that define an incident's timeline. */
const MILESTONES: ReadonlySet<TimelineEvent['kind']> = new Set([
  'impact-started',
  'detected',
  'mitigation-verified',
  'resolved',
])

/** The generated content of one record section, from what was recorded. */
export function recordSectionContent(
  kind: RecordSectionKind,
  incident: Incident,
  events: readonly TimelineEvent[],
): DocNode[] {
  const end = incident.resolvedAt
  switch (kind) {
    case 'facts':
      return [
        fact('Date', formatStamp(incident.startedAt)),
        fact('Severity', incident.severity ?? 'Not classified'),
        fact('Status', STATUS_WORDS[incident.status]),
        ...(incident.services.length ? [fact('Services', incident.services.join(', '))] : []),
      ]
    case 'impact':
      return [
        fact(
          'Scope',
          [incident.scope ? SCOPE_WORDS[incident.scope] : 'Not assessed', incident.scopeNote]
            .filter(Boolean)
            .join(' — '),
        ),
        fact(
          'Duration',
          end !== null
            ? `${duration(end - incident.startedAt)} (impact start to resolution)`
            : 'Ongoing',
        ),
        ...(incident.mitigatedAt !== null
          ? [fact('Users back after', duration(incident.mitigatedAt - incident.startedAt))]
          : []),
        ...(incident.endpoints.length
          ? [fact('Affected endpoints', incident.endpoints.join(', '))]
          : []),
        ...(incident.statusCodes.length
          ? [fact('Status codes', incident.statusCodes.join(', '))]
          : []),
      ]
    case 'detection':
      return [
        fact(
          'How',
          [DETECTION_WORDS[incident.detectionSource], incident.detectionNote]
            .filter(Boolean)
            .join(' — '),
        ),
        fact('Impact started', formatStamp(incident.startedAt)),
        fact('Detected', formatStamp(incident.detectedAt)),
        fact('Time to detect', duration(Math.max(0, incident.detectedAt - incident.startedAt))),
      ]
    case 'timeline':
      return [
        bullets(
          visibleTimeline(events).map((e) => {
            // The moments that define the incident stand out.
            return [
              text(formatStamp(e.at), true),
              text(' — '),
              text(describeEvent(e), MILESTONES.has(e.kind)),
            ]
          }),
        ),
      ]
    case 'root-cause': {
      const rc = incident.rootCause
      return [
        fact('Trigger', rc.trigger),
        fact('Mechanism', rc.mechanism),
        fact('Impact', rc.impact),
        fact('Root cause', rc.summary),
        fact('Contributing factors', rc.contributingFactors),
        ...incident.hypotheses
          .filter((h) => h.result === 'ruled-out')
          .map((h) => fact('Ruled out', `${h.statement}${h.evidence ? ` (${h.evidence})` : ''}`)),
      ]
    }
    case 'resolution':
      return [
        ...(incident.mitigations.length
          ? [
              paragraph(text('Mitigations tried', true)),
              bullets(
                incident.mitigations.map((m) => [
                  text(m.action),
                  ...(m.outcome ? [text(` — ${OUTCOME_WORDS[m.outcome]}`)] : []),
                  ...(m.observed ? [text(`. Observed: ${m.observed}`)] : []),
                ]),
              ),
            ]
          : []),
        fact(
          'Fix',
          incident.fixDeployedAt !== null
            ? `deployed ${formatStamp(incident.fixDeployedAt)}${incident.fixChecklist.regressionTest ? ', with a regression test' : ''}`
            : 'not deployed yet',
        ),
      ]
  }
}

/** The document a post-mortem starts from. */
export function buildPostmortemTemplate(
  incident: Incident,
  events: readonly TimelineEvent[],
): PostmortemDoc {
  const gen = (kind: RecordSectionKind) =>
    section(kind, recordSectionContent(kind, incident, events))
  return {
    type: 'doc',
    content: [
      heading(1, `Post-mortem: ${incidentTitle(incident)}`),
      gen('facts'),
      heading(2, 'Summary'),
      paragraph(),
      heading(2, 'Impact'),
      gen('impact'),
      paragraph(),
      heading(2, 'Detection'),
      gen('detection'),
      heading(2, 'Timeline'),
      gen('timeline'),
      heading(2, 'Root cause'),
      gen('root-cause'),
      heading(2, 'Resolution'),
      gen('resolution'),
      heading(2, 'What went well'),
      paragraph(),
      heading(2, 'What went poorly'),
      paragraph(),
      heading(2, 'Where we got lucky'),
      paragraph(),
      heading(2, 'Action items'),
      { type: 'actionItems' },
      heading(2, 'Lessons'),
      paragraph(),
    ],
  }
}

/** Replaces every record section's content with what the record says now; nothing else changes. */
export function refreshFromRecord(
  doc: PostmortemDoc,
  incident: Incident,
  events: readonly TimelineEvent[],
): PostmortemDoc {
  const refresh = (node: DocNode): DocNode => {
    if (node.type === 'recordSection') {
      const kind = node.attrs?.['kind'] as RecordSectionKind
      if (RECORD_SECTIONS.includes(kind))
        return section(kind, recordSectionContent(kind, incident, events))
    }
    return node.content ? { ...node, content: node.content.map(refresh) } : node
  }
  return refresh(doc) as PostmortemDoc
}
