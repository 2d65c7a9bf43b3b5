import type { ReactNode } from 'react'

/** The phase's goal in one line, its rule in one line, and more behind "Why?". */
export function PhaseIntro({ goal, rule, why }: { goal: string; rule: string; why: ReactNode }) {
  return (
    <header className="phase-intro">
      <h2 className="phase-goal">{goal}</h2>
      <p className="phase-rule">{rule}</p>
      <details className="why">
        <summary>Why?</summary>
        <div className="why-body">{why}</div>
      </details>
    </header>
  )
}
