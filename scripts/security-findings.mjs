// How the security gate judges Electronegativity's findings: each accepted finding names its rule,
// its file and a fingerprint of the code it points at, with the reason it is safe. A finding that
// matches no entry fails the gate, so a new `openExternal` call anywhere fails until someone has
// reviewed it and added it here.
import { createHash } from 'node:crypto'

export const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 }

/** The code a finding points at, without whitespace differences: 12 hex characters. */
export function fingerprint(sample) {
  const code = String(sample ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  return createHash('sha256').update(code).digest('hex').slice(0, 12)
}

/** Built files carry a content hash in their names (`start-DB2QHDK5.js`); entries say `start-*.js`. */
function fileMatches(pattern, file) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\w-]+')
  return new RegExp(`^${escaped}$`).test(file.replaceAll('\\', '/'))
}

const severityOf = (finding) => finding.severity?.name ?? finding.severity

/**
 * Sorts findings into accepted and failing. An entry with a `fingerprint` matches only that code;
 * an entry with `count` (for minified bundles, whose code changes with every dependency update)
 * matches at most that many findings of its rule in its file. Findings below `failAt` never fail
 * but are still reported.
 */
export function judge(findings, accepted, failAt = SEVERITY.MEDIUM) {
  const used = new Map()
  return findings.map((finding) => {
    const print = fingerprint(finding.sample)
    const entry = accepted.find((a) => {
      if (a.id !== finding.id || !fileMatches(a.file, finding.file)) return false
      if (a.fingerprint) return a.fingerprint === print
      return (used.get(a) ?? 0) < (a.count ?? 1)
    })
    if (entry) used.set(entry, (used.get(entry) ?? 0) + 1)
    const severity = severityOf(finding)
    const failing = !entry && SEVERITY[severity] >= failAt
    return { finding, severity, print, entry, failing }
  })
}
