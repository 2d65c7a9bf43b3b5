/**
 * The review gate: before a post-mortem goes to review or becomes final, the checks the Google SRE
 * book's post-mortem review asks for. Each gap says where to fill it. Nothing here blocks for good:
 * the user can go on with a reason, which is recorded.
 */
import { languageFindings, nameRule, LANGUAGE_RULES, type LanguageFinding } from './language'
import type { ActionItem, Incident, Phase } from './model'
import type { DocNode, PostmortemDoc } from './postmortem'

/** Where a gap is filled. */
export type GapTarget =
  /** A field of the record, on a phase's screen (`data-field`). */
  | { kind: 'field'; phase: Phase; field: string }
  /** A section of the post-mortem, by its heading. */
  | { kind: 'section'; heading: string }
  /** The post-mortem's owner, beside its status. */
  | { kind: 'owner' }
  /** An action item (or, without an id, the list to add one). */
  | { kind: 'action-item'; itemId?: string }

export interface Gap {
  id: string
  /** The criterion it belongs to, as the SRE book groups them. */
  criterion: 'Key data' | 'Impact' | 'Causes' | 'Action items' | 'Lessons' | 'Ownership'
  message: string
  target: GapTarget
}

const plain = (node: DocNode): string =>
  node.type === 'text' ? (node.text ?? '') : (node.content ?? []).map(plain).join(' ')

/**
 * What the user wrote in a block. In a table, the values they filled in: not its labels, and not
 * the rows Steady filled from the record ("Minutes at SEV2").
 */
const written = (node: DocNode): string =>
  node.type === 'table'
    ? (node.content ?? [])
        .slice(1)
        .filter((row) => !plain(row.content?.[0] ?? { type: 'x' }).startsWith('Minutes at'))
        .map((row) => (row.content ?? []).slice(1).map(plain).join(' '))
        .join(' ')
        .trim()
    : plain(node)

/**
 * What the user wrote under a heading (level 2), up to the next one: the parts generated from the
 * record do not count as writing.
 */
export function sectionText(doc: PostmortemDoc, heading: string): string | null {
  let inside = false
  let found = false
  const parts: string[] = []
  for (const node of doc.content) {
    if (node.type === 'heading' && node.attrs?.['level'] === 2) {
      inside = plain(node).trim().toLowerCase() === heading.toLowerCase()
      found ||= inside
      continue
    }
    if (inside && node.type !== 'recordSection' && node.type !== 'actionItems')
      parts.push(written(node))
  }
  return found ? parts.join('\n').trim() : null
}

/** Sections Steady fills with a first draft: not the user's writing until they change it. */
const PREFILLED = new Set(['internal summary', 'customer message'])

/** Whether the user has written anything yet (a template can then still be swapped). */
export function hasWriting(doc: PostmortemDoc): boolean {
  return doc.content.some((node) => {
    if (node.type !== 'heading' || node.attrs?.['level'] !== 2) return false
    const title = plain(node).trim()
    return !PREFILLED.has(title.toLowerCase()) && Boolean(sectionText(doc, title))
  })
}

/** Everything the user wrote in the document; the parts generated from the record are Steady's. */
export const writtenText = (doc: PostmortemDoc): string =>
  doc.content
    .filter((n) => n.type !== 'recordSection' && n.type !== 'actionItems')
    .map(plain)
    .join('\n')

/** A section the template has and the user has not written; absent sections are not asked for. */
const unwritten = (doc: PostmortemDoc, heading: string) => sectionText(doc, heading) === ''

export function reviewGaps(
  incident: Incident,
  items: readonly ActionItem[],
  doc: PostmortemDoc,
): Gap[] {
  const gaps: Gap[] = []
  const add = (criterion: Gap['criterion'], id: string, message: string, target: GapTarget) =>
    gaps.push({ id, criterion, message, target })
  const rc = incident.rootCause

  if (!incident.postmortemOwner?.trim())
    add('Ownership', 'owner', 'Name who owns this post-mortem.', { kind: 'owner' })

  if (incident.mitigatedAt === null)
    add('Key data', 'mitigated', 'Record when users were verified back.', {
      kind: 'field',
      phase: 'mitigate',
      field: 'mitigatedAt',
    })
  if (incident.resolvedAt === null)
    add('Key data', 'resolved', 'Resolve the incident.', {
      kind: 'field',
      phase: 'fix',
      field: 'resolvedAt',
    })
  if (unwritten(doc, 'Summary'))
    add('Key data', 'summary', 'Write the summary.', { kind: 'section', heading: 'Summary' })

  if (incident.scope === null)
    add('Impact', 'scope', 'Say who was affected (the scope).', {
      kind: 'field',
      phase: 'triage',
      field: 'scope',
    })
  const impact = sectionText(doc, 'Impact')
  if (impact !== null && !/\d/.test(impact))
    add(
      'Impact',
      'impact-numbers',
      'Put numbers on the impact: how many users or requests, for how long.',
      {
        kind: 'section',
        heading: 'Impact',
      },
    )

  const cause = (key: 'trigger' | 'mechanism', message: string) => {
    if (!rc[key].trim())
      add('Causes', key, message, { kind: 'field', phase: 'diagnose', field: `rootCause.${key}` })
  }
  cause('trigger', 'Name the trigger: what set it off.')
  cause('mechanism', 'Explain the mechanism: how the trigger became an outage.')
  if (!incident.factors?.length && !rc.contributingFactors.trim())
    add('Causes', 'factors', 'Name at least one contributing factor.', {
      kind: 'field',
      phase: 'diagnose',
      field: 'factors',
    })

  const open = items.filter((i) => i.status === 'open')
  if (!items.length)
    add('Action items', 'no-items', 'Add at least one action item.', { kind: 'action-item' })
  for (const item of open) {
    const missing = [
      !item.owner.trim() && 'an owner',
      item.dueAt === null && 'a due date',
      !item.measure.trim() && '"Done when"',
      (item.priority ?? null) === null && 'a priority',
    ].filter((m): m is string => Boolean(m))
    if (missing.length)
      add('Action items', `item:${item.id}`, `"${item.title}" needs ${joinAnd(missing)}.`, {
        kind: 'action-item',
        itemId: item.id,
      })
  }

  if (unwritten(doc, 'Lessons'))
    add('Lessons', 'lessons', 'Write the lessons.', { kind: 'section', heading: 'Lessons' })
  return gaps
}

const joinAnd = (parts: string[]) =>
  parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`

/**
 * Blameless-language findings for the gate: the document, and the causes in the record, where a
 * person's name (an owner's) is flagged too.
 */
export function languageNotes(
  incident: Incident,
  items: readonly ActionItem[],
  doc: PostmortemDoc,
): LanguageFinding[] {
  const names = nameRule([
    incident.postmortemOwner ?? '',
    incident.postmortemFacilitator ?? '',
    ...items.map((i) => i.owner),
  ])
  const rc = incident.rootCause
  const causes = [
    rc.trigger,
    rc.mechanism,
    rc.summary,
    rc.contributingFactors,
    ...(incident.factors ?? []).map((f) => f.text),
  ].join('\n')
  return [
    ...languageFindings(writtenText(doc)),
    ...languageFindings(causes, names ? [...LANGUAGE_RULES, names] : LANGUAGE_RULES),
  ]
}
