import { useMediaQuery } from '../../components/use-media-query'
import { NARROW_QUERY, useUi, type UiState } from '../../stores/ui-store'

/** Whether the timeline is on screen: beside the work, or (in a narrow window) as the open drawer. */
export const timelineShown = (s: UiState, narrow: boolean): boolean =>
  narrow ? s.drawerOpen : s.timelineOpen

export function useTimelineShown(): boolean {
  const narrow = useMediaQuery(NARROW_QUERY)
  return useUi((s) => timelineShown(s, narrow))
}
