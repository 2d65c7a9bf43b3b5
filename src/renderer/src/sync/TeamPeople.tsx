import { useSyncStatus } from './use-team-sync'

/** The id of the list of the team's people, for any field that names a person (owners). */
export const TEAM_PEOPLE = 'team-people'

/** The team's people as suggestions (a datalist), once, for the whole app; nothing when solo. */
export function TeamPeople() {
  const people = useSyncStatus((s) => s.people)
  if (!people.length) return null
  return (
    <datalist id={TEAM_PEOPLE}>
      {people.map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  )
}
