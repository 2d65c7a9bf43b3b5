/**
 * A service's links, written as the user thinks of them: one per line, "Runbook: https://…".
 * Only links the link allowlist accepts (links to this computer too; opening those asks first).
 */
import { DOCUMENT_LINKS, isAllowedLink } from '../links'
import { LIMITS, type Service } from './model'

export function parseServiceLinks(text: string): { links: Service['links']; refused: string[] } {
  const links: Service['links'] = []
  const refused: string[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line) continue
    const at = line.search(/:\s/)
    const label = at > 0 ? line.slice(0, at).trim() : ''
    const url = at > 0 ? line.slice(at + 1).trim() : line
    if (!label || label.length > LIMITS.linkLabel || !isAllowedLink(url, DOCUMENT_LINKS))
      refused.push(line)
    else links.push({ label, url })
  }
  return { links: links.slice(0, 20), refused }
}

export const formatServiceLinks = (links: Service['links']): string =>
  links.map((l) => `${l.label}: ${l.url}`).join('\n')

/** The links of the services an incident names, in the order it names them. */
export function linksFor(
  serviceNames: readonly string[],
  catalog: readonly Service[],
): { service: string; label: string; url: string }[] {
  const byName = new Map(catalog.map((s) => [s.name.toLowerCase(), s]))
  return serviceNames.flatMap((name) =>
    (byName.get(name.toLowerCase())?.links ?? []).map((l) => ({ service: name, ...l })),
  )
}

/** The prevention checklist's runbook item, pointing at the service's runbook when there is one. */
export function runbookItem(
  serviceNames: readonly string[],
  catalog: readonly Service[],
): { title: string; link?: string } {
  const runbook = linksFor(serviceNames, catalog).find((l) => /runbook/i.test(l.label))
  return runbook
    ? { title: `Update the runbook for ${runbook.service}`, link: runbook.url }
    : { title: 'Update the runbook' }
}
