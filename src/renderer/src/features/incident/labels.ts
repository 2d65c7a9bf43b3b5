import type { DetectionSource, Scope, Strategy } from '@shared/domain/model'
import type { Choice } from '../../components/fields'

export const DETECTION_SOURCES: Choice<DetectionSource>[] = [
  { value: 'monitoring', label: 'Monitoring alert' },
  { value: 'user-report', label: 'User report' },
  { value: 'error-log', label: 'Error log' },
  { value: 'own-observation', label: 'Own observation' },
  { value: 'other', label: 'Other' },
]

export const SCOPES: Choice<Scope>[] = [
  { value: 'all-users', label: 'All users' },
  { value: 'some-users', label: 'Some users' },
  { value: 'one-endpoint', label: 'One endpoint' },
  { value: 'all-endpoints', label: 'All endpoints' },
]

export const STRATEGIES: Choice<Strategy>[] = [
  { value: 'rollback', label: 'Roll back', description: 'Return to the last good deploy.' },
  { value: 'hotfix', label: 'Hotfix', description: 'A small, safe change, shipped now.' },
  { value: 'feature-toggle', label: 'Feature toggle', description: 'Switch the broken part off.' },
  { value: 'wait', label: 'Wait', description: 'It recovers on its own; watch it.' },
  { value: 'other', label: 'Other', description: 'Describe it below.' },
]

export const strategyLabel = (s: Strategy | null): string =>
  STRATEGIES.find((x) => x.value === s)?.label ?? 'No strategy chosen'

/** What the list shows for an incident with no title yet: the first line of its symptoms. */
export { incidentTitle as displayTitle } from '@shared/domain/model'
