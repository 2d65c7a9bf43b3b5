import type { Hypothesis, HypothesisResult, Incident } from '@shared/domain/model'
import { useState } from 'react'
import { ChoiceGroup, TextInput } from '../../components/fields'
import { incidentsRepo } from '../../db/instance'

const RESULTS = [
  { value: 'untested' as const, label: 'Untested' },
  { value: 'confirmed' as const, label: 'Confirmed' },
  { value: 'ruled-out' as const, label: 'Ruled out' },
]

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
  const save = (result: HypothesisResult, text = evidence) => {
    if (result !== hypothesis.result || text !== hypothesis.evidence)
      void incidentsRepo.testHypothesis(incidentId, hypothesis.id, result, text)
  }
  return (
    <li
      className="card hypothesis"
      data-result={hypothesis.result}
      aria-label={`Hypothesis ${index}`}
    >
      <p className="hypothesis-statement">{hypothesis.statement}</p>
      {hypothesis.howToTest && <p className="muted">Test: {hypothesis.howToTest}</p>}
      <ChoiceGroup
        legend={`Result of hypothesis ${index}`}
        options={RESULTS}
        value={hypothesis.result}
        onChange={(result) => save(result)}
      />
      <TextInput
        label={`Evidence for hypothesis ${index}`}
        value={evidence}
        onChange={setEvidence}
        onBlur={() => save(hypothesis.result)}
      />
    </li>
  )
}

function HypothesisForm({ incidentId }: { incidentId: string }) {
  const [statement, setStatement] = useState('')
  const [howToTest, setHowToTest] = useState('')
  return (
    <form
      className="card"
      aria-label="Add a hypothesis"
      onSubmit={(e) => {
        e.preventDefault()
        if (!statement.trim()) return
        void incidentsRepo
          .addHypothesis(incidentId, { statement: statement.trim(), howToTest })
          .then(() => {
            setStatement('')
            setHowToTest('')
          })
      }}
    >
      <TextInput
        label="Hypothesis"
        value={statement}
        onChange={setStatement}
        placeholder="The connection pool is exhausted"
      />
      <TextInput label="How to test it" value={howToTest} onChange={setHowToTest} />
      <div className="form-actions">
        <button type="submit" className="button secondary" disabled={!statement.trim()}>
          Add hypothesis
        </button>
      </div>
    </form>
  )
}
