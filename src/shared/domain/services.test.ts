import { describe, expect, it } from 'vitest'
import { formatServiceLinks, linksFor, parseServiceLinks, runbookItem } from './services'

describe('service links', () => {
  it('reads "Label: URL" lines, and refuses what the allowlist refuses', () => {
    const { links, refused } = parseServiceLinks(
      [
        'Runbook: https://wiki.example.com/checkout',
        '',
        'Dashboard: http://localhost:3000/d/checkout',
        'Evil: javascript:alert(1)',
        'https://no-label.example.com',
        'Files: file:///etc/passwd',
      ].join('\n'),
    )
    expect(links).toEqual([
      { label: 'Runbook', url: 'https://wiki.example.com/checkout' },
      { label: 'Dashboard', url: 'http://localhost:3000/d/checkout' },
    ])
    expect(refused).toEqual([
      'Evil: javascript:alert(1)',
      'https://no-label.example.com',
      'Files: file:///etc/passwd',
    ])
    expect(parseServiceLinks(formatServiceLinks(links)).links).toEqual(links)
  })

  it('finds the links of the services an incident names, whatever their case', () => {
    const catalog = [
      { name: 'Checkout', links: [{ label: 'Runbook', url: 'https://wiki.example.com/c' }] },
      { name: 'search', links: [] },
    ]
    expect(linksFor(['checkout', 'search', 'unknown'], catalog)).toEqual([
      { service: 'checkout', label: 'Runbook', url: 'https://wiki.example.com/c' },
    ])
  })
})

describe('the prevention checklist’s runbook item', () => {
  it('points at the runbook of the incident’s service, or stays generic', () => {
    const catalog = [
      { name: 'checkout', links: [{ label: 'Runbook', url: 'https://wiki.example.com/c' }] },
    ]
    expect(runbookItem(['checkout'], catalog)).toEqual({
      title: 'Update the runbook for checkout',
      link: 'https://wiki.example.com/c',
    })
    expect(runbookItem(['search'], catalog)).toEqual({ title: 'Update the runbook' })
  })
})
