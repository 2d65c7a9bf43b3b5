import { LIMITS } from '@shared/domain/model'
import type { Hypothesis, HypothesisResult, Incident } from '@shared/domain/model'
import { HYPOTHESIS_RESULT_LABELS, choicesOf } from '@shared/domain/vocabulary'
import { useState } from 'react'
import { EditorActions, useEditorRun } from '../../components/EditorActions'
import { ErrorText } from '../../components/ErrorText'
import { ChoiceGroup, TextInput } from '../../components/fields'
import { focusFirstField } from '../../components/focus'
import { WhenField } from '../../components/TimePicker'
import { incidentsRepo } from '../../db/instance'

const RESULTS = choicesOf(HYPOTHESIS_RESULT_LABELS)

export function Hypotheses({ incident }: { incident: Incident }) {
  return (
    <section aria-labelledby="hypotheses-title" className="section">
      <h3 id="hypotheses-title" className="section-title">
        Hypotheses
      </h3>
      <ol className="hypotheses">
        {incident.hypotheses.map((h, i) => (
          <HypothesisItem key={h.id} incidentId={incident.id} hypothesis={h} index={i + 1} />
        ))}
      </ol>
      <HypothesisForm incidentId={incident.id} />
    </section>
  )
}

/**
 * One hypothesis: its result is recorded when chosen, at the time beside it (now by default);
 * evidence is saved when the field is left. The statement can be edited or the whole removed.
 */
function HypothesisItem({
  incidentId,
  hypothesis,
  index,
}: {
  incidentId: string
  hypothesis: Hypothesis
  index: number
}) {
  const [evidence, setEvidence] = useState(hypothesis.evidence)
  const [at, setAt] = useState<number | null>(null)
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const report = (work: Promise<unknown>) =>
    work.then(
      () => setError(null),
      (e: Error) => setError(e.message),
    )
  const test = (result: HypothesisResult) =>
    report(
      incidentsRepo
        .testHypothesis(incidentId, hypothesis.id, result, evidence, at ?? undefined)
        .then(() => setAt(null)),
    )
  // Evidence is an edit of the hypothesis: a result keeps the time it was found at.
  const saveEvidence = () => {
    if (evidence !== hypothesis.evidence)
      void report(incidentsRepo.editHypothesis(incidentId, hypothesis.id, { evidence }))
  }
  return (
    <li
      className="card hypothesis"
      data-result={hypothesis.result}
      aria-label={`Hypothesis ${index}`}
    >
      {editing ? (
        <StatementEditor
          incidentId={incidentId}
          hypothesis={hypothesis}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          <div className="hypothesis-head">
            <p className="hypothesis-statement">{hypothesis.statement}</p>
            <button
              type="button"
              className="link-button small"
              onClick={() => setEditing(true)}
              aria-label={`Edit hypothesis ${index}`}
            >
              Edit
            </button>
          </div>
          {hypothesis.howToTest && <p className="muted">Test: {hypothesis.howToTest}</p>}
        </>
      )}
      <ChoiceGroup
        legend={`Result of hypothesis ${index}`}
        options={RESULTS}
        value={hypothesis.result}
        onChange={(result) => void test(result)}
      />
      <div className="when-row">
        <span className="muted small">Result found</span>
        <WhenField
          label={`Time of the result of hypothesis ${index}`}
          value={at}
          onChange={setAt}
        />
      </div>
      <TextInput
        label={`Evidence for hypothesis ${index}`}
        value={evidence}
        onChange={setEvidence}
        onBlur={saveEvidence}
      />
      <ErrorText message={error} />
    </li>
  )
}

function StatementEditor({
  incidentId,
  hypothesis,
  onDone,
}: {
  incidentId: string
  hypothesis: Hypothesis
  onDone: () => void
}) {
  const [statement, setStatement] = useState(hypothesis.statement)
  const [howToTest, setHowToTest] = useState(hypothesis.howToTest)
  const { error, run } = useEditorRun(onDone)
  return (
    <form
      className="hypothesis-editor"
      aria-label={`Edit hypothesis: ${hypothesis.statement}`}
      onSubmit={(e) => {
        e.preventDefault()
        run(incidentsRepo.editHypothesis(incidentId, hypothesis.id, { statement, howToTest }))
      }}
    >
      <TextInput
        label="Hypothesis"
        value={statement}
        onChange={setStatement}
        maxLength={LIMITS.shortNote}
      />
      <TextInput label="How to test it" value={howToTest} onChange={setHowToTest} />
      <ErrorText message={error} />
      <EditorActions
        noun="hypothesis"
        onDelete={() => run(incidentsRepo.deleteItem(incidentId, hypothesis.id))}
        onCancel={onDone}
      />
    </form>
  )
}

function HypothesisForm({ incidentId }: { incidentId: string }) {
  const [statement, setStatement] = useState('')
  const [howToTest, setHowToTest] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="card"
      aria-label="Add a hypothesis"
      onSubmit={(e) => {
        e.preventDefault()
        const form = e.currentTarget
        if (!statement.trim()) return
        void incidentsRepo
          .addHypothesis(incidentId, { statement: statement.trim(), howToTest })
          .then(
            () => {
              setStatement('')
              setHowToTest('')
              setError(null)
              // Ready for the next one, where the user is looking.
              focusFirstField(form)
            },
            (e: Error) => setError(`${e.message} What you typed is still here.`),
          )
      }}
    >
      <TextInput
        label="Hypothesis"
        value={statement}
        onChange={setStatement}
        placeholder="The connection pool is exhausted"
        maxLength={LIMITS.shortNote}
      />
      <TextInput label="How to test it" value={howToTest} onChange={setHowToTest} />
      <ErrorText message={error} />
      <div className="form-actions">
        <button type="submit" className="button secondary" disabled={!statement.trim()}>
          Add hypothesis
        </button>
      </div>
    </form>
  )
}
