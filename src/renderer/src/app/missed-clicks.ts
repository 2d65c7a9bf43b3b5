import type { MissedClick } from '../boot/first-frame'
import { db } from '../db/instance'
import { useUi } from '../stores/ui-store'

/**
 * Clicks on the start-up picture whose control is gone (the list changed since it was saved):
 * a row's incident is opened if it still exists; otherwise the list says what happened.
 */
export async function followMissedClicks(missed: readonly MissedClick[]): Promise<void> {
  const { navigate, setNotice } = useUi.getState()
  for (const click of missed) {
    const incident = click.incidentId ? await db.incidents.get(click.incidentId) : undefined
    if (incident && incident.status !== 'deleted') navigate({ screen: 'incident', id: incident.id })
    else
      setNotice(
        click.incidentId
          ? 'The incident you clicked while Steady was starting is no longer there: it was deleted since Steady last showed it.'
          : `Steady was still starting when you clicked “${click.text.slice(0, 80)}”, and that is no longer on screen: nothing was done.`,
      )
  }
}
