import type { Incident } from '@shared/domain/model'
import { HOUR, MINUTE, formatDuration } from '@shared/domain/time'
import type { GitChange, RepositoryChanges } from '@shared/ipc-contract'
import { useEffect, useId, useState } from 'react'
import { formatTime } from '../../components/format'
import { incidentsRepo } from '../../db/instance'
import { usePlatform } from '../../platform/platform-context'
import { useUi } from '../../stores/ui-store'

const LOOK_BACK = [2, 6, 24, 72] as const

/** The note a suspect change leaves on the timeline (and how it is found again to uncheck it). */
export const suspectNote = (repo: string, change: GitChange): string =>
  `Suspect change: ${repo} ${change.hash.slice(0, 8)} “${change.subject}” (${change.kind} by ${change.author}${
    change.tags.length ? `, tagged ${change.tags.join(', ')}` : ''
  })`
const suspectPrefix = (repo: string, change: GitChange) =>
  `Suspect change: ${repo} ${change.hash.slice(0, 8)} `

/**
 * What was committed, merged and tagged in the user's own repositories in the hours before impact
 * started (desktop: the main process runs git). A change checked as suspect goes on the timeline
 * at its commit time, so it reaches the post-mortem and the export.
 */
export function RecentCommits({ incident }: { incident: Incident }) {
  const platform = usePlatform()
  const navigate = useUi((s) => s.navigate)
  const id = useId()
  const [hours, setHours] = useState<number>(6)
  const git = platform.git
  const { startedAt } = incident
  // The answer, with the question it answers: a new window shows "Reading git…" until it is in.
  const asked = `${startedAt}:${hours}`
  const [answer, setAnswer] = useState<{ asked: string; repos: RepositoryChanges[] } | null>(null)
  const repos = answer?.asked === asked ? answer.repos : null
  useEffect(() => {
    if (!git) return
    let live = true
    const to = Math.min(startedAt + 15 * MINUTE, Date.now())
    const settle = (found: RepositoryChanges[]) => live && setAnswer({ asked, repos: found })
    git
      .recent({ from: to - hours * HOUR - 15 * MINUTE, to })
      .then(settle)
      .catch(() => settle([{ path: '', name: 'git', changes: [], error: 'could not be asked' }]))
    return () => {
      live = false
    }
  }, [git, startedAt, hours, asked])

  if (!git)
    return (
      <p className="muted recent-commits">
        Commits from your own git repositories show here in the desktop app.
      </p>
    )
  const noteFor = (repo: string, change: GitChange) =>
    incident.notes.find((n) => n.id && n.text.startsWith(suspectPrefix(repo, change)))
  const toggle = (repo: string, change: GitChange, suspect: boolean) => {
    const note = noteFor(repo, change)
    if (suspect && !note)
      void incidentsRepo.addNote(incident.id, suspectNote(repo, change), change.at)
    if (!suspect && note) void incidentsRepo.deleteEntry(incident.id, note.id)
  }
  const total = repos?.reduce((n, r) => n + r.changes.length, 0) ?? 0
  return (
    <section className="recent-commits" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h3 id={`${id}-title`}>From your repositories</h3>
        <label htmlFor={`${id}-hours`} className="muted">
          Before impact
        </label>
        <select
          id={`${id}-hours`}
          className="input select"
          value={hours}
          onChange={(e) => setHours(Number(e.target.value))}
        >
          {LOOK_BACK.map((h) => (
            <option key={h} value={h}>
              {h < 24 ? `${h} hours` : `${h / 24} day${h === 24 ? '' : 's'}`}
            </option>
          ))}
        </select>
      </div>
      {repos === null && <p className="muted">Reading git…</p>}
      {repos?.length === 0 && (
        <p className="muted">
          Add your repositories in{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => navigate({ screen: 'settings' })}
          >
            Settings
          </button>{' '}
          to see what changed before impact.
        </p>
      )}
      {repos && repos.length > 0 && total === 0 && (
        <p className="muted">Nothing was committed in these hours.</p>
      )}
      {repos?.map((repo) => (
        <div key={repo.path} className="repo-changes">
          {repo.error && (
            <p className="muted">
              {repo.name}: {repo.error}
            </p>
          )}
          {repo.changes.length > 0 && (
            <ul className="change-list" aria-label={`Changes in ${repo.name}`}>
              {repo.changes.map((change) => (
                <li key={change.hash}>
                  <label className="check">
                    <input
                      type="checkbox"
                      aria-label={`Suspect: ${change.subject}`}
                      checked={noteFor(repo.name, change) !== undefined}
                      onChange={(e) => toggle(repo.name, change, e.target.checked)}
                    />
                    {change.subject}
                  </label>
                  <span className="muted change-meta">
                    {repo.name} · <code>{change.hash.slice(0, 8)}</code>
                    {change.kind !== 'commit' && ` · ${change.kind}`}
                    {change.tags.length > 0 && ` · ${change.tags.join(', ')}`} · {change.author} ·{' '}
                    {formatTime(change.at, true)} (
                    {change.at <= startedAt
                      ? `${formatDuration(startedAt - change.at)} before impact`
                      : `${formatDuration(change.at - startedAt)} after impact started`}
                    )
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  )
}
