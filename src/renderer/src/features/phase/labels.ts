/** The domain's words (vocabulary.ts) as the choices the screens offer. */
import type { DetectionSource, Scope, Strategy } from '@shared/domain/model'
import {
  DETECTION_SOURCE_LABELS,
  SCOPE_LABELS,
  STRATEGY_DESCRIPTIONS,
  STRATEGY_LABELS,
  choicesOf,
} from '@shared/domain/vocabulary'
import type { Choice } from '../../components/fields'

export const DETECTION_SOURCES: Choice<DetectionSource>[] = choicesOf(DETECTION_SOURCE_LABELS)
export const SCOPES: Choice<Scope>[] = choicesOf(SCOPE_LABELS)
export const STRATEGIES: Choice<Strategy>[] = choicesOf(STRATEGY_LABELS, STRATEGY_DESCRIPTIONS)

export const strategyLabel = (s: Strategy | null): string =>
  s ? STRATEGY_LABELS[s] : 'No strategy chosen'

/** What the list shows for an incident with no title yet: the first line of its symptoms. */
export { incidentTitle as displayTitle } from '@shared/domain/model'
