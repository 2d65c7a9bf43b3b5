import { expect, it } from 'vitest'
import { uniqueName } from './unique-name'

it('numbers a name already used, whatever its case, before its extension', () => {
  const used = new Set<string>()
  expect(uniqueName('2026-11-26-outage.md', used)).toBe('2026-11-26-outage.md')
  expect(uniqueName('2026-11-26-Outage.md', used)).toBe('2026-11-26-Outage-2.md')
  expect(uniqueName('2026-11-26-outage.md', used)).toBe('2026-11-26-outage-3.md')
  expect(uniqueName('README', used)).toBe('README')
  expect(uniqueName('README', used)).toBe('README-2')
})
