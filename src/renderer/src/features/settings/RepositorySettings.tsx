import type { Repository } from '@shared/ipc-contract'
import { useEffect, useState } from 'react'
import { usePlatform } from '../../platform/platform-context'

/**
 * The local git repositories whose recent commits Triage lists. Desktop only: folders are chosen
 * in the system's folder dialog, and the main process runs git.
 */
export function RepositorySettings() {
  const { git } = usePlatform()
  const [repos, setRepos] = useState<Repository[] | null>(null)
  const [message, setMessage] = useState('')
  useEffect(() => {
    if (git) void git.list().then(setRepos)
  }, [git])
  return (
    <section className="section" aria-labelledby="repos-title">
      <h2 id="repos-title" className="settings-heading">
        Repositories
      </h2>
      {!git ? (
        <p className="muted">
          In the desktop app, Triage lists what was committed, merged and tagged in your own git
          repositories in the hours before impact started.
        </p>
      ) : (
        <>
          <p className="muted">
            Triage lists what was committed, merged and tagged here in the hours before impact.
          </p>
          {repos && repos.length > 0 && (
            <ul className="repo-list">
              {repos.map((repo) => (
                <li key={repo.path}>
                  <span>
                    <strong>{repo.name}</strong> <span className="muted">{repo.path}</span>
                  </span>
                  <button
                    type="button"
                    className="button quiet"
                    aria-label={`Remove ${repo.name}`}
                    onClick={() => void git.remove(repo.path).then(setRepos)}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="button"
            onClick={() =>
              void git.add().then((result) => {
                setRepos(result.repositories)
                setMessage(result.error ?? '')
              })
            }
          >
            Add a repository…
          </button>
          {message && (
            <p className="error" role="alert">
              {message}
            </p>
          )}
        </>
      )}
    </section>
  )
}
