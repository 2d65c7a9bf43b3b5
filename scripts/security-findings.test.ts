import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain ES module script without types
import { fingerprint, judge } from './security-findings.mjs'

const openExternal = (file: string, sample: string) => ({
  id: 'OPEN_EXTERNAL_JS_CHECK',
  severity: { name: 'MEDIUM' },
  file,
  sample,
})

const accepted = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/index.ts',
    fingerprint: fingerprint('await shell.openExternal(trusted)'),
    reason: 'allowlisted',
  },
  { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'out/renderer/assets/start-*.js', count: 1, reason: 'x' },
]

describe('the security gate', () => {
  it('accepts a reviewed call at its reviewed place, whatever its indentation', () => {
    const [result] = judge(
      [openExternal('src/main/index.ts', '   await shell.openExternal(trusted)')],
      accepted,
    )
    expect(result.failing).toBe(false)
  })

  it('fails a new call in a reviewed file, and the same call in another file', () => {
    const results = judge(
      [
        openExternal('src/main/index.ts', 'await shell.openExternal(url)'),
        openExternal('src/main/other.ts', 'await shell.openExternal(trusted)'),
      ],
      accepted,
    )
    expect(results.map((r: { failing: boolean }) => r.failing)).toEqual([true, true])
  })

  it('accepts only as many findings in a bundle as were reviewed', () => {
    const results = judge(
      [
        openExternal('out/renderer/assets/start-AB12.js', 'minified one'),
        openExternal('out/renderer/assets/start-AB12.js', 'minified two'),
        openExternal('out/renderer/assets/other-AB12.js', 'minified'),
      ],
      accepted,
    )
    expect(results.map((r: { failing: boolean }) => r.failing)).toEqual([false, true, true])
  })

  it('reports low findings without failing on them', () => {
    const [result] = judge(
      [{ id: 'CSP_GLOBAL_CHECK', severity: 'LOW', file: 'src/renderer/index.html', sample: 'x' }],
      [],
    )
    expect(result).toMatchObject({ severity: 'LOW', failing: false })
  })
})
