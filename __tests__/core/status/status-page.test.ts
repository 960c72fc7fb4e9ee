import { describe, expect, it } from '@jest/globals'
import type { LiveVersion, MonitoringPoint, StatusFacts } from '../../../src/core/status/status-page.js'
import { renderStatusMarkdown, renderStatusText, statusPage } from '../../../src/core/status/status-page.js'
import { outsideCode } from '../../harness/markdown.js'
import { mermaidBlocks, parseMermaid } from '../../harness/mermaid.js'

const DIGEST = `sha256:${'a'.repeat(64)}`

function live(version: string, options: Partial<LiveVersion> = {}): LiveVersion {
  return { version, digest: DIGEST, since: '2026-12-01T10:00:00Z', by: 'octocat', automatic: true, metrics: { accuracy: 0.9, loss: 0.3 }, logUrl: 'https://github.com/o/r/actions/runs/7', ...options }
}

function monitored(runId: number, createdAt: string, verdict: MonitoringPoint['verdict'], accuracy: number, options: Partial<MonitoringPoint> = {}): MonitoringPoint {
  return { runId, createdAt, version: 'v1', verdict, metrics: { accuracy, loss: 0.3 }, regressed: [], gateFailed: false, failure: null, ...options }
}

const facts: StatusFacts[] = [
  {
    model: 'churn',
    isGated: (metric) => metric === 'accuracy',
    live: new Map([
      ['staging', live('v1')],
      ['production', live('v0', { by: 'alice', automatic: false, since: '2026-11-30T09:30:00Z' })]
    ]),
    monitoring: new Map([
      [
        'staging',
        [
          monitored(21, '2026-12-02T06:00:00Z', 'healthy', 0.9),
          monitored(22, '2026-12-03T06:00:00Z', 'degraded', 0.8, { regressed: ['accuracy'], gateFailed: true })
        ]
      ]
    ]),
    trainings: [
      { sha: 'a'.repeat(40), metrics: { accuracy: 0.88, loss: 0.35 } },
      { sha: 'b'.repeat(40), metrics: { accuracy: 0.9, loss: 0.3 } }
    ]
  },
  {
    model: 'fraud',
    isGated: () => false,
    live: new Map(),
    monitoring: new Map(),
    trainings: [{ sha: 'c'.repeat(40), metrics: { 'val.loss': 0.2 } }]
  }
]

const page = statusPage({ generatedAt: '2026-12-05T11:00:00.000Z', defaultBranch: 'main', environments: ['staging', 'production'], facts })

describe('the status page in Markdown', () => {
  const markdown = renderStatusMarkdown(page)

  it('lists every model x environment with its live version, since, by whom, how, and the latest monitoring verdict', () => {
    expect(markdown).toContain('2 models in 2 environments (staging, production), as of 2026-12-05 11:00 UTC.')
    expect(markdown).toContain('| `churn` | staging | `v1` | 2026-12-01 10:00 | octocat | automatic | 🟡 degraded, 2026-12-03 06:00 (run 22) |')
    expect(markdown).toContain('| `churn` | production | `v0` | 2026-11-30 09:30 | alice | manual | not monitored yet |')
    expect(markdown).toContain('| `fraud` | staging | _nothing live_ | — | — | — | — |')
    expect(markdown).toContain('| `fraud` | production | _nothing live_ | — | — | — | — |')
  })

  it('shows the metrics at promotion beside the latest monitored ones, the regressed marked, headline metrics first', () => {
    expect(markdown).toContain(
      '**staging**: `v1` since 2026-12-01 10:00 UTC, promoted automatically by octocat ([promotion run](https://github.com/o/r/actions/runs/7)). ' +
        'Latest monitoring: 🟡 degraded on 2026-12-03 06:00 UTC (run 22, version `v1`); regressed: `accuracy` (a gated metric).'
    )
    expect(markdown).toContain('| `accuracy` ★ | 0.9 | 0.8 ⚠️ regressed |\n| `loss` | 0.3 | 0.3 |')
    expect(markdown).toContain('**production**: `v0` since 2026-11-30 09:30 UTC, promoted by hand by alice')
    expect(markdown).toContain('Monitoring: not monitored yet.')
  })

  it('charts each headline metric over the trainings and over the monitoring runs, folded per model, valid for Mermaid', () => {
    const charts = mermaidBlocks(markdown)
    expect(charts).toEqual([
      expect.stringContaining('title "accuracy"\nx-axis ["aaaaaaa", "bbbbbbb"]'),
      expect.stringContaining('title "accuracy"\nx-axis ["12-02 06.00", "12-03 06.00"]')
    ])
    expect(markdown).toContain('<details><summary>Trends of `churn`</summary>\n\nOver the last 2 trainings on `main` (by commit):')
    expect(markdown).toContain('Over the last 2 monitoring runs in staging (by date, UTC):')
    // fraud has one training: no trend.
    expect(markdown).not.toContain('Trends of `fraud`')
    expect(parseMermaid(charts)).toEqual([{ type: 'xychart' }, { type: 'xychart' }])
  })

  it('goes without charts when asked', () => {
    expect(renderStatusMarkdown(page, { charts: false })).not.toContain('```mermaid')
  })
})

describe('the status page in the terminal', () => {
  it('is a table of model x environment, then each cell’s metrics', () => {
    expect(renderStatusText(page)).toBe(
      [
        'MODEL  ENVIRONMENT  VERSION       SINCE (UTC)       BY       HOW        MONITORING',
        'churn  staging      v1            2026-12-01 10:00  octocat  automatic  degraded 2026-12-03 06:00',
        'churn  production   v0            2026-11-30 09:30  alice    manual     not monitored yet',
        'fraud  staging      nothing live  -                 -        -          -',
        'fraud  production   nothing live  -                 -        -          -',
        '',
        'Metrics at promotion -> latest monitoring:',
        '  churn in staging: accuracy 0.9 -> 0.8 (regressed), loss 0.3 -> 0.3',
        '  churn in production: accuracy 0.9, loss 0.3',
        ''
      ].join('\n')
    )
  })
})

describe('user text on the status page', () => {
  const hostile = '<img src=x onerror=alert(1)> @octocat [x](javascript:alert(1)) | `'
  const evil: StatusFacts = {
    model: 'evil',
    isGated: () => true,
    live: new Map([['staging', live('v1|`<b>', { by: hostile, logUrl: 'javascript:alert(1)', metrics: { [hostile]: 1, 'a"]\nline [9]': 2 } })]]),
    monitoring: new Map([['staging', [monitored(5, '2026-12-02T06:00:00Z', 'failed', 0.5, { metrics: { [hostile]: 0.5, 'a"]\nline [9]': 1 }, failure: { phase: 'monitor', message: hostile } }), monitored(6, '2026-12-03T06:00:00Z', 'healthy', 0.5, { metrics: { [hostile]: 0.7, 'a"]\nline [9]': 3 } })]]]),
    trainings: []
  }
  const markdown = renderStatusMarkdown(statusPage({ generatedAt: '2026-12-05T11:00:00Z', defaultBranch: 'main', environments: ['staging'], facts: [evil] }))

  it('shows names, logins and messages as text, never as HTML, links or mentions', () => {
    expect(outsideCode(markdown)).not.toMatch(/<img|<b>|\]\(javascript|@octocat/)
    expect(markdown).not.toContain('[promotion run]')
    for (const row of markdown.split('\n').filter((line) => line.startsWith('| `evil`'))) expect(row.split(/(?<!\\)\|/)).toHaveLength(9)
  })

  it('keeps every chart valid', () => {
    const charts = mermaidBlocks(markdown)
    expect(charts).toHaveLength(2)
    expect(parseMermaid(charts)).toEqual([{ type: 'xychart' }, { type: 'xychart' }])
  })
})
