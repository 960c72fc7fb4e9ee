import { describe, expect, it } from '@jest/globals'
import type { Manifest } from '../../src/core/manifest.js'
import { renderTrainSummary } from '../../src/core/train-summary.js'

const manifest: Manifest = {
  schema: 1,
  model: 'fraud',
  status: 'success',
  version: '2026.11.27-100000-3f2a9c1-r812',
  fingerprint: `sha256:${'f'.repeat(64)}`,
  sha: `3f2a9c1${'b'.repeat(33)}`,
  ref: 'refs/heads/main',
  event: 'push',
  run_id: 812,
  run_attempt: 1,
  created_at: '2026-11-27T10:00:00Z',
  metrics: { accuracy: 0.9312345678, rows: 120000, 'test.f1': 0.00001234 },
  files: [],
  python: '3.11.7',
  runner_os: 'Linux',
  timings: { install_s: 0.42, train_s: 12.1, evaluate_s: null },
  cache: { dependencies: 'hit', run: 'miss' },
  failure: null
}
const artifact = { name: 'model-ci-fraud', id: 4242, digest: `sha256:${'d'.repeat(64)}` }

describe('renderTrainSummary', () => {
  it('lists the metrics with six significant digits, counts whole, tiny ones in exponent form', () => {
    const summary = renderTrainSummary({ manifest, artifact })
    expect(summary).toContain('## model-ci: `fraud` trained')
    expect(summary).toContain('| `accuracy` | 0.931235 |\n| `rows` | 120000 |\n| `test.f1` | 1.234e-5 |')
    expect(summary).toContain('| `2026.11.27-100000-3f2a9c1-r812` | 0.4 s | 12.1 s | — | hit | miss |')
  })

  it('says which phase failed, its message escaped on one line', () => {
    const failed: Manifest = {
      ...manifest,
      status: 'failed',
      failure: { phase: 'train', exit_code: 1, signal: null, message: 'bad <b>input</b>\rsee @octocat', log_tail: '' }
    }
    expect(renderTrainSummary({ manifest: failed, artifact })).toContain('**The train phase failed:** bad &lt;b&gt;input&lt;/b&gt; see @&#8203;octocat\n')
  })
})
