export function IncidentsHome() {
  return (
    <section className="page" aria-labelledby="incidents-title">
      <h1 id="incidents-title">Incidents</h1>
      <div className="empty-state">
        <p className="empty-title">No incidents yet.</p>
        <p className="muted">
          When something breaks, open one and Steady walks you through it, one step at a time.
        </p>
      </div>
    </section>
  )
}
