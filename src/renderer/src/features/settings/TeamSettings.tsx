import { useState } from 'react'
import { useSettings } from '../../db/hooks'
import { SyncStatusLine } from '../../sync/SyncStatusLine'
import { loadTeamConfig, saveTeamConfig, teamConfigSchema } from '../../sync/team-config'

/**
 * Settings → Team: join the team's sync server (its address, the team secret, your name), or
 * leave it. Joining or leaving reloads the window: the page may only ever connect to one server.
 */
export function TeamSettings() {
  const settings = useSettings()
  const [joined] = useState(loadTeamConfig)
  const [url, setUrl] = useState('')
  const [secret, setSecret] = useState('')
  const [name, setName] = useState<string | null>(null)
  const [problem, setProblem] = useState('')
  const shownName = name ?? settings?.you.name ?? ''
  const join = () => {
    const parsed = teamConfigSchema.safeParse({ url: url.trim(), secret, name: shownName })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = { url: 'Sync server', secret: 'Team secret', name: 'Name shown to the team' }[
        String(issue?.path[0]) as 'url'
      ]
      return setProblem(`${field ?? 'This'}: ${issue?.message ?? 'not valid'}.`)
    }
    saveTeamConfig(parsed.data)
    window.location.reload()
  }
  const leave = () => {
    saveTeamConfig(null)
    window.location.reload()
  }
  return (
    <section className="section" aria-labelledby="team-title">
      <h2 id="team-title" className="settings-heading">
        Team
      </h2>
      {joined ? (
        <>
          <p>
            Sharing incidents with the team through <code>{joined.url}</code> as{' '}
            <strong>{joined.name}</strong>.
          </p>
          <SyncStatusLine />
          <button type="button" className="button quiet" onClick={leave}>
            Leave the team
          </button>
        </>
      ) : (
        <form
          className="team-form"
          onSubmit={(e) => {
            e.preventDefault()
            join()
          }}
        >
          <p className="muted">
            Share incidents, timelines and post-mortems with your team through a sync server you run
            (<code>npm run sync-server</code>). Everything keeps working offline and syncs when the
            server is back. The secret stays in this app, never in exports.
          </p>
          <label className="field-label" htmlFor="team-url">
            Sync server
          </label>
          <input
            id="team-url"
            className="input"
            placeholder="ws://192.168.1.20:1234"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <label className="field-label" htmlFor="team-secret">
            Team secret
          </label>
          <input
            id="team-secret"
            className="input"
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
          <label className="field-label" htmlFor="team-name">
            Name shown to the team
          </label>
          <input
            id="team-name"
            className="input"
            value={shownName}
            onChange={(e) => setName(e.target.value)}
          />
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" className="button">
            Join the team
          </button>
        </form>
      )}
    </section>
  )
}
