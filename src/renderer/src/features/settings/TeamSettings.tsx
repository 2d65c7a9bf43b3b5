import type { HostStatus } from '@shared/ipc-contract'
import { useEffect, useState } from 'react'
import { useSettings } from '../../db/hooks'
import { usePlatform } from '../../platform/platform-context'
import { SyncStatusLine } from '../../sync/SyncStatusLine'
import { loadTeamConfig, saveTeamConfig, teamConfigSchema } from '../../sync/team-config'

const DEFAULT_PORT = 1234
const WHERE = [
  { value: 'server', label: 'A server the team runs' },
  { value: 'here', label: 'Host it on this computer' },
] as const
const FIELD_NAMES = { url: 'Sync server', secret: 'Team secret', name: 'Name shown to the team' }

/**
 * Settings → Team: join the team's sync server (its address, the team secret, your name), or
 * leave it. On the desktop the server can run in this app ("Host it on this computer", off by
 * default, on an address of this computer the user picks) and the secret is sealed by the OS
 * keyring. Joining or leaving reloads the window: the page may only ever connect to one server.
 */
export function TeamSettings() {
  const settings = useSettings()
  const platform = usePlatform()
  const [joined] = useState(loadTeamConfig)
  const [url, setUrl] = useState('')
  const [secret, setSecret] = useState('')
  const [name, setName] = useState<string | null>(null)
  const [problem, setProblem] = useState('')
  const [where, setWhere] = useState<(typeof WHERE)[number]['value']>('server')
  const [host, setHost] = useState<HostStatus | null>(null)
  const [address, setAddress] = useState('127.0.0.1')
  const [port, setPort] = useState(String(DEFAULT_PORT))
  const shownName = name ?? settings?.you.name ?? ''
  useEffect(() => {
    void platform.team?.hostStatus().then((status) => {
      setHost(status)
      setAddress(status.address)
      setPort(String(status.port))
    })
  }, [platform])

  const hostHere = async (): Promise<string | null> => {
    if (!platform.team) return null
    const chosen = Number(port)
    if (!Number.isInteger(chosen) || chosen < 1024 || chosen > 65_535) {
      setProblem('Port: a number from 1024 to 65535.')
      return null
    }
    const status = await platform.team.host({ address, port: chosen })
    setHost(status)
    if (status.problem) setProblem(status.problem)
    return status.hosting
  }

  const join = async () => {
    setProblem('')
    const hosted = where === 'here'
    const config = { url: hosted ? `ws://${address}:${port}` : url.trim(), secret, name: shownName }
    const parsed = teamConfigSchema.safeParse(config)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = FIELD_NAMES[String(issue?.path[0]) as 'url']
      return setProblem(`${field ?? 'This'}: ${issue?.message ?? 'not valid'}.`)
    }
    // The secret first: the hosted server is opened with it.
    await saveTeamConfig(parsed.data, platform.team)
    if (hosted && !(await hostHere())) {
      await saveTeamConfig(null, platform.team)
      return
    }
    window.location.reload()
  }
  const leave = async () => {
    await platform.team?.host(null)
    await saveTeamConfig(null, platform.team)
    window.location.reload()
  }
  const sealed = joined && !joined.secret

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
          {platform.team && (
            <p className="muted">
              {sealed
                ? 'The team secret is sealed by this computer’s keyring.'
                : 'This computer has no keyring: the team secret is kept in this app’s storage.'}
            </p>
          )}
          {host?.hosting && (
            <p>
              This computer hosts the team’s server at <code>{host.hosting}</code>. Teammates join
              with that address and the team secret; it runs while Steady runs.
            </p>
          )}
          {host?.problem && (
            <p className="error" role="alert">
              {host.problem}
            </p>
          )}
          <div className="form-actions">
            {host?.hosting && (
              <button
                type="button"
                className="button quiet"
                onClick={() => void platform.team?.host(null).then(setHost)}
              >
                Stop hosting
              </button>
            )}
            <button type="button" className="button quiet" onClick={() => void leave()}>
              Leave the team
            </button>
          </div>
        </>
      ) : (
        <form
          className="team-form"
          onSubmit={(e) => {
            e.preventDefault()
            void join()
          }}
        >
          <p className="muted">
            Share incidents, timelines and post-mortems with your team through a sync server (
            <code>npm run sync-server</code>
            {platform.team ? ', or this app' : ''}). Everything keeps working offline and syncs when
            the server is back. The secret stays in this app, never in exports.
          </p>
          {platform.team && (
            <fieldset className="field">
              <legend>Where is the server?</legend>
              <div className="choice-column">
                {WHERE.map((choice) => (
                  <label className="choice" key={choice.value}>
                    <input
                      type="radio"
                      name="team-where"
                      checked={where === choice.value}
                      onChange={() => setWhere(choice.value)}
                    />
                    {choice.label}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {where === 'server' ? (
            <>
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
            </>
          ) : (
            <>
              <label className="field-label" htmlFor="team-address">
                Listen on
              </label>
              <select
                id="team-address"
                className="input"
                value={address}
                onChange={(e) => setAddress(e.target.value)}
              >
                {(host?.addresses ?? ['127.0.0.1']).map((a) => (
                  <option key={a} value={a}>
                    {a === '127.0.0.1' ? `${a} (this computer only)` : `${a} (your network)`}
                  </option>
                ))}
              </select>
              <label className="field-label" htmlFor="team-port">
                Port
              </label>
              <input
                id="team-port"
                className="input team-port"
                inputMode="numeric"
                value={port}
                onChange={(e) => setPort(e.target.value)}
              />
              <p className="muted">
                Only people who can reach this address and know the team secret can join. For the
                internet, put a reverse proxy with TLS in front (see the README).
              </p>
            </>
          )}
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
            {where === 'here' ? 'Host and join the team' : 'Join the team'}
          </button>
        </form>
      )}
    </section>
  )
}
