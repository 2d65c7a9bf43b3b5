/**
 * The words for every domain value, defined once: the screens, the timeline and the Markdown
 * export all read them from here, so a label never says one thing on screen and another in a file.
 */
import { formatCount } from './time'
import type {
  Incident,
  IncidentDetails,
  ActionItemStatus,
  ActionItemType,
  DetectionSource,
  FIX_STEPS,
  HypothesisResult,
  MitigationOutcome,
  MonitoringResult,
  RECENT_CHANGES,
  IncidentKind,
  Scope,
  Strategy,
} from './model'

/** An incident's fields as the screens label them, for messages that name one. */
export const DETAIL_FIELD_LABELS: Record<keyof IncidentDetails, string> = {
  title: 'Title',
  symptoms: 'What is happening',
  errorMessages: 'Error messages',
  statusCodes: 'Status codes',
  endpoints: 'Affected endpoints',
  detectionSource: 'How did you find out',
  detectionNote: 'How exactly',
  scope: 'Scope',
  scopeNote: 'Scope notes',
  recentChanges: 'Recent changes',
  strategy: 'Response strategy',
  strategyNote: 'Strategy notes',
  services: 'Services',
  tags: 'Tags',
  kind: 'Kind',
  related: 'Linked incidents',
  rootCause: 'Root cause',
  fixChecklist: 'Fix checklist',
}

export const STATUS_LABELS: Record<Incident['status'], string> = {
  active: 'Active',
  resolved: 'Resolved',
  closed: 'Closed',
  deleted: 'In the trash',
}

export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  incident: 'Incident',
  'near-miss': 'Near miss',
  drill: 'Drill',
}

export const DETECTION_SOURCE_LABELS: Record<DetectionSource, string> = {
  monitoring: 'Monitoring alert',
  'user-report': 'User report',
  'error-log': 'Error log',
  'own-observation': 'Own observation',
  other: 'Other',
}

export const SCOPE_LABELS: Record<Scope, string> = {
  'all-users': 'All users',
  'some-users': 'Some users',
  'one-endpoint': 'One endpoint',
  'all-endpoints': 'All endpoints',
}

export const STRATEGY_LABELS: Record<Strategy, string> = {
  rollback: 'Roll back',
  hotfix: 'Hotfix',
  'feature-toggle': 'Feature toggle',
  wait: 'Wait and watch',
  other: 'Other',
}

export const STRATEGY_DESCRIPTIONS: Record<Strategy, string> = {
  rollback: 'Return to the last good deploy.',
  hotfix: 'A small, safe change, shipped now.',
  'feature-toggle': 'Switch the broken part off.',
  wait: 'It recovers on its own; watch it.',
  other: 'Describe it below.',
}

export const RECENT_CHANGE_LABELS: Record<(typeof RECENT_CHANGES)[number], string> = {
  deploys: 'Recent deploys',
  migrations: 'Database migrations',
  config: 'Config changes',
  dependencies: 'Dependency updates',
}

export const FIX_STEP_LABELS: Record<(typeof FIX_STEPS)[number], string> = {
  fixWritten: 'Fix written (the real fix, not a workaround)',
  regressionTest: 'Regression test that would have caught this',
  testedLocally: 'Tested locally',
  testedStaging: 'Tested in staging',
  deployed: 'Deployed',
  mitigationRemoved: 'Mitigation removed',
  verified: 'Verified: everything works',
}

export const OUTCOME_LABELS: Record<MitigationOutcome, string> = {
  worked: 'Worked',
  partial: 'Partly worked',
  failed: 'Failed',
}

export const HYPOTHESIS_RESULT_LABELS: Record<HypothesisResult, string> = {
  untested: 'Untested',
  confirmed: 'Confirmed',
  'ruled-out': 'Ruled out',
}

export const MONITORING_RESULT_LABELS: Record<MonitoringResult, string> = {
  held: 'Held',
  regressed: 'Regressed',
}

export const ACTION_ITEM_TYPE_LABELS: Record<ActionItemType, string> = {
  mitigate: 'Mitigate',
  prevent: 'Prevent',
  detect: 'Detect / monitoring',
  test: 'Test',
  process: 'Process / runbook',
  'review-similar': 'Review similar systems',
  other: 'Other',
}

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'Open',
  done: 'Done',
  verified: 'Verified',
}

/** A label in the middle of a sentence: "failed", "partly worked". */
export const lower = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1)

/** A label table as the options of a choice, in the table's order. */
export function choicesOf<T extends string>(
  labels: Record<T, string>,
  descriptions?: Record<T, string>,
): { value: T; label: string; description?: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({
    value,
    label: labels[value],
    ...(descriptions ? { description: descriptions[value] } : {}),
  }))
}

/** "1 incident", "3 incidents": a count with its noun, always agreeing. */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${formatCount(count)} ${count === 1 ? one : many}`
