import type { Severity } from '@shared/domain/model'

/** Colour and text together: the colour is never the only signal. */
export function SeverityBadge({ severity }: { severity: Severity | null }) {
  if (!severity) return <span className="badge badge-none">No severity</span>
  return <span className={`badge badge-${severity.toLowerCase()}`}>{severity}</span>
}
