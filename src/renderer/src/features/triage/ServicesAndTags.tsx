/**
 * What the incident touches and what kind it is: services from the catalog the user keeps (a new
 * name is added to it as it is typed here), free tags, and incident / near miss / drill.
 */
import { INCIDENT_KINDS, LIMITS, type Incident, type IncidentKind } from '@shared/domain/model'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { INCIDENT_KIND_LABELS } from '@shared/domain/vocabulary'
import { ChipsInput, ChoiceGroup } from '../../components/fields'
import { useSettings } from '../../db/hooks'
import { db } from '../../db/instance'
import { addServices } from '../../db/settings-repo'
import { useDetailField } from '../phase/use-detail-field'

const KINDS = INCIDENT_KINDS.map((value) => ({ value, label: INCIDENT_KIND_LABELS[value] }))

export function ServicesAndTags({ incident }: { incident: Incident }) {
  const catalog = (useSettings() ?? DEFAULT_SETTINGS).services
  const [services, setServices] = useDetailField(incident, 'services')
  const [tags = [], setTags] = useDetailField(incident, 'tags')
  const [kind = 'incident', setKind] = useDetailField(incident, 'kind')
  return (
    <>
      <ChipsInput
        label="Services"
        hint="What is affected. Their runbooks and dashboards are then one keystroke away."
        values={services}
        onChange={(next) => {
          setServices(next)
          void addServices(db, next)
        }}
        suggestions={catalog.map((s) => s.name)}
        placeholder="checkout, then Enter"
        maxLength={LIMITS.service}
        mono={false}
      />
      <ChipsInput
        label="Tags"
        values={tags}
        onChange={setTags}
        placeholder="database, then Enter"
        maxLength={LIMITS.tag}
        mono={false}
      />
      <ChoiceGroup<IncidentKind>
        legend="Kind"
        hint="Near misses and drills are labelled everywhere, and left out of metrics unless asked for."
        options={KINDS}
        value={kind}
        onChange={setKind}
      />
    </>
  )
}
