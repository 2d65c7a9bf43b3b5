import { periodMetrics } from '@shared/domain/metrics'
import { periodOf } from '@shared/domain/periods'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { IncidentLog } from '@shared/domain/test-helpers'
import { HOUR, MINUTE } from '@shared/domain/time'
import { ipcContract } from '@shared/ipc-contract'
import { describe, expect, it } from 'vitest'
import { reportDraft } from './report-draft'
import { reportFiles } from './report-export'

const NOW = Date.UTC(2026, 10, 27, 9)

describe('the review report files', () => {
  it('are a Markdown file and an SVG per chart it links, all of which the desktop may write', () => {
    const at = Date.UTC(2026, 7, 4, 10)
    const incident = {
      ...new IncidentLog('a', { now: at, title: 'Service "x onload=alert(1)" <script>' }).incident,
      startedAt: at - 10 * MINUTE,
      mitigatedAt: at + 30 * MINUTE,
      resolvedAt: at + HOUR,
      severity: 'SEV1' as const,
      services: ['<script>alert(1)</script>'],
      factors: [{ id: 'f', category: 'Change', text: '' }],
    }
    const period = periodOf('last-quarter', { now: NOW, zone: 'UTC' })
    const metrics = periodMetrics(
      [incident],
      [],
      { ...period, kinds: ['incident'] },
      {
        now: NOW,
        zone: 'UTC',
        settings: DEFAULT_SETTINGS,
      },
    )
    const files = reportFiles(reportDraft(metrics, period, { now: NOW, zone: 'UTC' }))
    expect(files.map((f) => f.fileName)).toEqual([
      '2026-11-27-reliability-review-2026-q3.md',
      '2026-11-27-reliability-review-2026-q3-incidents.svg',
      '2026-11-27-reliability-review-2026-q3-detect.svg',
      '2026-11-27-reliability-review-2026-q3-mitigate.svg',
      '2026-11-27-reliability-review-2026-q3-resolve.svg',
      '2026-11-27-reliability-review-2026-q3-factors.svg',
      '2026-11-27-reliability-review-2026-q3-services.svg',
    ])
    const [md, ...svgs] = files
    for (const svg of svgs) {
      expect(md?.content).toContain(`](${svg.fileName})`)
      expect(svg.content).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
      expect(svg.content).toMatch(/aria-label="[^"]+"/)
    }
    // A service's name is text in the chart, never markup; the desktop accepts every file.
    expect(svgs.at(-1)?.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(ipcContract['export:save-folder'].args.safeParse([files]).success).toBe(true)
  })
})
