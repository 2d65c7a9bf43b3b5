/**
 * The post-mortem's status, owner and facilitator, and the review gate: Draft → In review →
 * Final. Moving on runs the SRE book's review checks; each gap is a button that goes where it is
 * filled. Gaps can be overridden with a reason (recorded); language notes never block.
 */
import type { LanguageFinding } from '@shared/domain/language'
import { LIMITS, type Incident } from '@shared/domain/model'
import type { PostmortemDoc } from '@shared/domain/postmortem'
import { languageNotes, reviewGaps, type Gap, type GapTarget } from '@shared/domain/review'
import { plural } from '@shared/domain/vocabulary'
import { useId, useState } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { formatDateTime } from '../../components/format'
import { useNow } from '../../components/use-now'
import { useSettings } from '../../db/hooks'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { NEED_LABELS, postmortemNeed, reviewDueAt } from '@shared/domain/postmortem-policy'
import { focusRecordField } from '../../components/focus'
import { LimitedText } from '../../components/limited'
import { db, postmortemAutosave, postmortemsRepo } from '../../db/instance'
import { incidentActionItems } from '../../db/queries/incident'
import { loadSettings } from '../../db/settings-repo'
import { useUi } from '../../stores/ui-store'
import { postmortemSnapshot } from './export'
import { TEAM_PEOPLE } from '../../sync/TeamPeople'

type Next = 'review' | 'final'

export const STATUS_LABELS: Record<Incident['postmortemStatus'], string> = {
  none: 'Not started',
  draft: 'Draft',
  review: 'In review',
  final: 'Final',
}

interface Gate {
  to: Next
  gaps: Gap[]
  notes: LanguageFinding[]
}

export function ReviewPanel({
  incident,
  currentDoc,
  goToSection,
  children,
}: {
  incident: Incident
  /** More actions for the document, beside its status. */
  children?: React.ReactNode
  /** The document as the editor has it now. */
  currentDoc: () => PostmortemDoc | null
  goToSection: (heading: string) => void
}) {
  const { id, postmortemStatus: status } = incident
  const revision = incident.postmortemRevision ?? 0
  const [gate, setGate] = useState<Gate | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)

  const check = async (to: Next) => {
    setError(null)
    await postmortemAutosave.flush(id)
    // The editor may still be loading: the saved document is then what is checked.
    const doc = currentDoc() ?? (await postmortemsRepo.get(id))?.doc
    if (!doc) return setError('The post-mortem is still being prepared. Try again in a moment.')
    const items = await incidentActionItems(db, id)
    const found = {
      to,
      gaps: reviewGaps(incident, items, doc),
      notes: languageNotes(incident, items, doc),
    }
    if (!found.gaps.length && !found.notes.length) return move(to, found)
    setReason('')
    setGate(found)
  }
  const move = async (to: Next | 'draft', found?: Gate) => {
    try {
      const gaps = found?.gaps.map((g) => g.message) ?? []
      await postmortemsRepo.setStatus(id, to, {
        ...(to === 'final'
          ? { snapshot: await postmortemSnapshot(id), by: (await loadSettings(db)).you.name }
          : {}),
        ...(gaps.length ? { gaps, override: reason } : {}),
      })
      setGate(null)
      setError(null)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const go = (target: GapTarget) => {
    switch (target.kind) {
      case 'owner':
        return focusRecordField('postmortemOwner')
      case 'section':
        return goToSection(target.heading)
      case 'action-item':
        return focusRecordField(`action-item:${target.itemId ?? 'new'}`)
      case 'field':
        useUi.getState().navigate({ screen: 'incident', id, phase: target.phase })
        return focusRecordField(target.field)
    }
  }

  return (
    <section className="review-panel" aria-label="Review">
      <div className="doc-actions">
        <span className="doc-status" data-status={status}>
          {STATUS_LABELS[status]}
          {revision > 0 && ` · revision ${status === 'final' ? revision : revision + 1}`}
        </span>
        {status === 'draft' || status === 'none' ? (
          <button
            type="button"
            className="button secondary small"
            onClick={() => void check('review')}
          >
            Send to review
          </button>
        ) : status === 'review' ? (
          <>
            <button type="button" className="button quiet small" onClick={() => void move('draft')}>
              Back to draft
            </button>
            <button
              type="button"
              className="button primary small"
              onClick={() => void check('final')}
            >
              Mark as final
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button secondary small"
            onClick={() => void move('draft')}
          >
            Edit again (revision {revision + 1})
          </button>
        )}
        {children}
      </div>
      <PolicyLine incident={incident} />
      <Roles incident={incident} readOnly={status === 'final'} />
      {gate && (
        <GateView
          gate={gate}
          reason={reason}
          setReason={setReason}
          go={go}
          proceed={() => void move(gate.to, gate)}
          cancel={() => setGate(null)}
        />
      )}
      <ErrorText message={error} />
    </section>
  )
}

/** "Required for a SEV1 · review by Mon 30 Nov, 15:00", from the rule in Settings. */
function PolicyLine({ incident }: { incident: Incident }) {
  const settings = useSettings() ?? DEFAULT_SETTINGS
  const now = useNow(60_000)
  const need = postmortemNeed(incident, settings)
  const review = reviewDueAt(incident, settings)
  const late = review !== null && review < now && incident.postmortemStatus !== 'final'
  return (
    <p className="field-hint pm-policy">
      {NEED_LABELS[need]}
      {incident.severity ? ` for a ${incident.severity}` : ''}
      {review !== null && (
        <>
          {' · '}
          <span className={late ? 'late' : undefined}>
            review {late ? 'was due' : 'by'} {formatDateTime(review, now)}
          </span>
        </>
      )}
    </p>
  )
}

function Roles({ incident, readOnly }: { incident: Incident; readOnly: boolean }) {
  const [owner, setOwner] = useState(incident.postmortemOwner ?? '')
  const [facilitator, setFacilitator] = useState(incident.postmortemFacilitator ?? '')
  const ids = useId()
  const save = () => void postmortemsRepo.setRoles(incident.id, { owner, facilitator })
  return (
    <div className="pm-roles" data-field="postmortemOwner">
      <label htmlFor={`${ids}-owner`}>Owner</label>
      <LimitedText
        id={`${ids}-owner`}
        className="input"
        list={TEAM_PEOPLE}
        value={owner}
        max={LIMITS.owner}
        readOnly={readOnly}
        placeholder="Who sees it through"
        onValue={setOwner}
        onBlur={save}
      />
      <label htmlFor={`${ids}-facilitator`}>Facilitator</label>
      <LimitedText
        id={`${ids}-facilitator`}
        className="input"
        list={TEAM_PEOPLE}
        value={facilitator}
        max={LIMITS.owner}
        readOnly={readOnly}
        placeholder="Optional: who runs the review"
        onValue={setFacilitator}
        onBlur={save}
      />
    </div>
  )
}

function GateView({
  gate,
  reason,
  setReason,
  go,
  proceed,
  cancel,
}: {
  gate: Gate
  reason: string
  setReason: (reason: string) => void
  go: (target: GapTarget) => void
  proceed: () => void
  cancel: () => void
}) {
  const reasonId = useId()
  const verb = gate.to === 'final' ? 'Mark as final' : 'Send to review'
  const criteria = [...new Set(gate.gaps.map((g) => g.criterion))]
  return (
    <div className="review-gate" role="region" aria-label="Review checklist">
      {gate.gaps.length > 0 ? (
        <p>
          <strong>{plural(gate.gaps.length, 'thing')} to fill in</strong> before it is ready for{' '}
          {gate.to === 'final' ? 'final' : 'review'}. Each one takes you there.
        </p>
      ) : (
        <p>
          <strong>Nothing is missing.</strong> A few words may read as blame; they never block.
        </p>
      )}
      {criteria.map((criterion) => (
        <div key={criterion}>
          <h4 className="gate-criterion">{criterion}</h4>
          <ul className="gate-list">
            {gate.gaps
              .filter((g) => g.criterion === criterion)
              .map((g) => (
                <li key={g.id}>
                  <button type="button" className="link-button" onClick={() => go(g.target)}>
                    {g.message}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {gate.notes.length > 0 && (
        <div>
          <h4 className="gate-criterion">Language</h4>
          <ul className="gate-list">
            {gate.notes.slice(0, 20).map((n, i) => (
              <li key={`${n.rule}-${n.from}-${i}`}>
                “{n.text}”: {n.reason} {n.suggestion}
              </li>
            ))}
          </ul>
        </div>
      )}
      {gate.gaps.length > 0 && (
        <div className="field">
          <label htmlFor={reasonId} className="field-label">
            Or go on anyway, and say why (recorded on the timeline)
          </label>
          <LimitedText
            id={reasonId}
            className="input"
            value={reason}
            max={LIMITS.shortNote}
            onValue={setReason}
          />
        </div>
      )}
      <div className="gate-actions">
        <button
          type="button"
          className="button primary small"
          disabled={gate.gaps.length > 0 && !reason.trim()}
          onClick={proceed}
        >
          {gate.gaps.length ? `${verb} anyway` : verb}
        </button>
        <button type="button" className="button quiet small" onClick={cancel}>
          Not yet
        </button>
      </div>
    </div>
  )
}
