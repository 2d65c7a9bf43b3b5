import { LIMITS, type Service } from '@shared/domain/model'
import { formatServiceLinks, parseServiceLinks } from '@shared/domain/services'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { Trash2 } from 'lucide-react'
import { useId, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { LimitedText } from '../../components/limited'
import { useSettings } from '../../db/hooks'
import { db } from '../../db/instance'
import { addServices, loadSettings, saveSettings } from '../../db/settings-repo'

/** The services catalog: each service's runbook, dashboard, logs… one per line. */
export function ServiceSettings() {
  const services = (useSettings() ?? DEFAULT_SETTINGS).services
  const [name, setName] = useState('')
  const id = useId()
  return (
    <div className="field">
      <p className="field-label">Services</p>
      <p className="field-hint">
        Each service&apos;s links, one per line as “Runbook: https://…” (also Dashboard, Logs,
        Deploy page, Status page, On-call page, or any name). On an incident they are one keystroke
        away.
      </p>
      {services.map((service) => (
        <ServiceRow key={service.name} service={service} />
      ))}
      <form
        className="inline-row"
        onSubmit={(e) => {
          e.preventDefault()
          if (!name.trim()) return
          void addServices(db, [name]).then(() => setName(''))
        }}
      >
        <label htmlFor={id}>New service</label>
        <LimitedText
          id={id}
          className="input"
          value={name}
          max={LIMITS.service}
          placeholder="checkout"
          onValue={setName}
        />
        <button type="submit" className="button secondary small" disabled={!name.trim()}>
          Add service
        </button>
      </form>
    </div>
  )
}

function ServiceRow({ service }: { service: Service }) {
  const [text, setText] = useState(formatServiceLinks(service.links))
  const [error, setError] = useState<string | null>(null)
  const id = useId()
  const change = async (next: Service | null) => {
    const current = await loadSettings(db)
    await saveSettings(db, {
      ...current,
      services: current.services.flatMap((s) =>
        s.name !== service.name ? [s] : next ? [next] : [],
      ),
    })
  }
  return (
    <div className="service-row">
      <div className="inline-row">
        <label htmlFor={id} className="service-name">
          {service.name}
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove the service ${service.name}`}
          title="Remove"
          onClick={() => void change(null)}
        >
          <Trash2 size={15} aria-hidden="true" />
        </button>
      </div>
      <LimitedText
        id={id}
        multiline
        rows={Math.max(2, service.links.length + 1)}
        className="input mono"
        value={text}
        max={20 * 2100}
        placeholder="Runbook: https://wiki.example.com/runbooks/checkout"
        onValue={setText}
        onBlur={() => {
          const { links, refused } = parseServiceLinks(text)
          setError(
            refused.length
              ? `Not saved, as they are not links Steady opens (http, https or mailto, with a name before them): ${refused.join('; ')}`
              : null,
          )
          void change({ ...service, links })
        }}
      />
      <ErrorText message={error} />
    </div>
  )
}
