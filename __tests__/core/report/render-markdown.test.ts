import { describe, expect, it } from '@jest/globals'
import { COMMENT_LIMIT, DEFAULT_MAX_LENGTH, renderMarkdown } from '../../../src/core/report/render-markdown.js'
import type { BaselineSource } from '../../../src/core/report/types.js'
import { outsideCode } from '../../harness/markdown.js'
import { mermaidBlocks, parseMermaid } from '../../harness/mermaid.js'
import { BASE_SHA, GATED_ACCURACY, MERGE_BASE_LEDGER, RUN_URL, largeDocument, metricNames, reportDocument, reportModel } from './report-fixtures.js'

const MARKER = '<!-- model-ci:report:models -->'
const failure = (log_tail: string, message = 'training exited with code 1') => ({ phase: 'train' as const, exit_code: 1, signal: null, message, log_tail })

/** Table rows of the metrics tables: lines that start with "| " and a mark. */
function metricRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => /^\| (?!Metric |:--)/.test(line))
}

/** Three trainings of `fraud` on the default branch; the middle one has no `auc`. */
const FRAUD_TRAININGS = [
  { sha: 'a1a1a1a' + '0'.repeat(33), metrics: { accuracy: 0.91, auc: 0.78 } },
  { sha: 'b2b2b2b' + '0'.repeat(33), metrics: { accuracy: 0.92 } as Record<string, number> },
  { sha: BASE_SHA, metrics: { accuracy: 0.93, auc: 0.8 } }
]

const mixed = reportDocument(
  [
    reportModel(
      'fraud',
      { accuracy: 0.93, 'test.f1': 0.91, val_loss: 0.3, auc: 0.8, throughput: 3, dropped: 1 },
      { accuracy: 0.9, 'test.f1': 0.92, val_loss: 0.25, auc: 0.8, throughput: 4, added: 1 },
      { rules: [...GATED_ACCURACY, { pattern: 'auc', policy: { gate: true } }], trainings: FRAUD_TRAININGS }
    ),
    reportModel(
      'tolerant',
      { 'val.loss': 0.5 },
      { 'val.loss': 0.501 },
      { rules: [{ pattern: '*loss', policy: { tolerance: { kind: 'percent', value: 1 } } }], trainings: [{ sha: BASE_SHA, metrics: { 'val.loss': 0.5 } }] }
    ),
    reportModel('steady', { accuracy: 0.8, loss: 0.1 }, { accuracy: 0.8, loss: 0.1 }),
    reportModel('fresh', undefined, { accuracy: 0.8 }),
    reportModel('gone', { accuracy: 0.77 }, 'removed'),
    reportModel('lost', undefined, 'missing', { logUrl: `${RUN_URL}/job/55` }),
    reportModel('broken', { accuracy: 0.8 }, {}, { failure: failure('Traceback (most recent call last):\nValueError: bad input\n'), logUrl: `${RUN_URL}/job/56` })
  ],
  ['Two runs reported at once; this one is newer.']
)

describe('renderMarkdown: what a reviewer reads first', () => {
  const markdown = renderMarkdown(mixed, { marker: MARKER })

  it('starts with the marker, the title and a two-second headline with the gate failure first', () => {
    const [marker, title, , headline] = markdown.split('\n')
    expect(marker).toBe(MARKER)
    expect(title).toBe('## model-ci report — models')
    expect(headline).toBe('❌ **1 gate failed. 5 models trained: 1 regressed, 2 steady, 1 new, 1 failed. 1 missing (no result), 1 removed.**')
  })

  it('lists each gate failure under the headline with its move and tolerance', () => {
    expect(markdown).toContain('- ❌ `fraud` › `accuracy`: 0.93 → 0.9 (-3.2%), tolerance 0.005')
  })

  it('links the run, its commit, the artifacts and says what the baseline was', () => {
    expect(markdown).toContain(`Run [812](${RUN_URL}) at [\`3f2a9c1\`](https://github.com/octo/models/commit/3f2a9c1${'b'.repeat(33)})`)
    expect(markdown).toContain(`[artifacts](${RUN_URL}#artifacts)`)
    expect(markdown).toContain(
      "Version `2026.11.27-100000-3f2a9c1-r812`, artifact [`model-ci-fraud`](https://github.com/octo/models/actions/runs/812/artifacts/4242) · Baseline version `2026.11.26-090000-def5678-r800`"
    )
    expect(markdown).toContain(
      `baseline: the ledger of the merge-base [\`def5678\`](https://github.com/octo/models/commit/${BASE_SHA}), from [run 800](https://github.com/octo/models/actions/runs/800)`
    )
  })

  it('shows the command’s notes, escaped', () => {
    expect(markdown).toContain('> Two runs reported at once; this one is newer\\.')
  })

  it('orders models: gate failures, failed, missing, other changes, new, removed, unchanged', () => {
    const headings = markdown.split('\n').filter((line) => /^#{3,4} /.test(line))
    expect(headings).toEqual([
      '### ❌ `fraud` — 1 regressed (1 gated), 2 improved, 1 changed without a goal, 1 new, 1 removed, 1 unchanged',
      '### 💥 `broken` — training failed',
      '### ❓ `lost` — no result',
      '### 🟡 `tolerant` — 1 within tolerance',
      '### 🆕 `fresh` — new model, 1 metric',
      '### 🗑️ `gone` — removed',
      '#### ⚪ `steady` — 2 metrics, all unchanged'
    ])
  })
})

describe('renderMarkdown: the per-model table', () => {
  const markdown = renderMarkdown(mixed)

  it('says every verdict in words too, so that a row reads the same without its coloured mark', () => {
    const rows = metricRows(markdown)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const cells = row.split('|').map((cell) => cell.trim())
      expect(['better', 'worse', 'worse, gate failed', 'worse, within tolerance', 'unchanged', 'changed, no goal', 'new', 'removed']).toContain(cells.at(-2))
    }
    expect(markdown).toContain('steady: no metric better or worse beyond its tolerance')
  })

  it('marks every verdict, the gated metrics, and formats the numbers with signs and dashes', () => {
    const rows = metricRows(markdown)
    expect(rows).toEqual(
      expect.arrayContaining([
        '| ❌ `accuracy` 🔒 | 0.93 | 0.9 | -0.03 | -3.2% | worse, gate failed |',
        '| 🟢 `test.f1` | 0.91 | 0.92 | +0.01 | +1.1% | better |',
        '| 🟢 `val_loss` | 0.3 | 0.25 | -0.05 | -17% | better |',
        '| 🔵 `throughput` | 3 | 4 | +1 | +33% | changed, no goal |',
        '| 🆕 `added` | — | 1 | — | — | new |',
        '| ➖ `dropped` | 1 | — | — | — | removed |',
        '| ⚪ `auc` 🔒 | 0.8 | 0.8 | 0 | 0% | unchanged |',
        '| 🟡 `val.loss` | 0.5 | 0.501 | +0.001 | +0.2% | worse, within tolerance |',
        '| ➖ `accuracy` | 0.77 | — | — | — | removed |'
      ])
    )
  })

  it('collapses unchanged metrics and unchanged models into <details>', () => {
    expect(markdown).toContain('<details><summary>1 unchanged metric</summary>')
    expect(markdown).toMatch(/<details><summary>⚪ 1 model with no change<\/summary>\n\n#### ⚪ `steady`/)
  })

  it('explains the legend once, at the end', () => {
    expect(markdown.trimEnd().split('\n').pop()).toMatch(/^<sub>🟢 improved · 🔴 regressed · ❌ gate failed · 🟡 worse, within tolerance .*<\/sub>$/)
  })

  it('draws each gated metric over the recent trainings with this pull request last, folded when the report has several models', () => {
    const doc = { ...mixed, headLabel: 'PR' }
    const text = renderMarkdown(doc)
    const fraud = text.slice(text.indexOf('### ❌ `fraud`'), text.indexOf('### 💥 `broken`'))
    expect(fraud).toContain(
      "<details><summary>Trend of 2 headline metrics</summary>\n\n`accuracy`, `auc` over the model's last 3 trainings on the default branch (by commit), then this run's value (PR)."
    )
    const [accuracy, auc] = mermaidBlocks(fraud)
    expect(accuracy).toContain('xychart-beta\ntitle "accuracy"\nx-axis ["a1a1a1a", "b2b2b2b", "def5678", "PR"]\ny-axis 0.897 --> 0.933\nline [0.91, 0.92, 0.93, 0.9]')
    // A training without the metric is no point: no value is made up, no stub drawn.
    expect(auc).toContain('x-axis ["a1a1a1a", "def5678", "PR"]\ny-axis 0.778 --> 0.802\nline [0.78, 0.8, 0.8]')
    expect(mermaidBlocks(text)).toHaveLength(3)
    expect(parseMermaid(mermaidBlocks(text))).toEqual([{ type: 'xychart' }, { type: 'xychart' }, { type: 'xychart' }])
  })

  it('charts the first metric of a model without gated metrics, and nothing for a model without earlier trainings', () => {
    const tolerant = markdown.slice(markdown.indexOf('### 🟡 `tolerant`'), markdown.indexOf('### 🆕 `fresh`'))
    expect(mermaidBlocks(tolerant)).toEqual([expect.stringContaining('title "val.loss"\nx-axis ["def5678", "this run"]')])
    expect(markdown).toContain('<summary>Trend of 1 headline metric</summary>')
    const fresh = markdown.slice(markdown.indexOf('### 🆕 `fresh`'), markdown.indexOf('### 🗑️ `gone`'))
    expect(fresh).not.toContain('mermaid')
  })

  it('shows a single model’s charts unfolded, and no bar chart of percent changes', () => {
    const text = renderMarkdown(reportDocument([mixed.models[0]], [], 'PR'))
    expect(text).not.toContain('<summary>Trend')
    expect(text).toContain("`accuracy`, `auc` over the model's last 3 trainings on the default branch (by commit), then this run's value (PR).\n\n```mermaid\n")
    expect(text).not.toMatch(/\bbar \[|Change in percent/)
  })

  it('keeps a chart valid whatever the metric is called', () => {
    const names = ['acc"]\nline [1]', 'a`b`%%{init: {}}%%', '```', 'x#35;y&amp;[z]', 'ünïcödé 😀', '']
    const rules = names.map((name) => ({ pattern: name, policy: { gate: true } }))
    const metrics = Object.fromEntries(names.map((name, i) => [name, i + 0.5]))
    const moved = Object.fromEntries(names.map((name, i) => [name, i + 1.5]))
    const model = reportModel('odd', metrics, moved, { rules, trainings: [{ sha: BASE_SHA, metrics }] })
    const text = renderMarkdown(reportDocument([model], [], 'PR'))
    const charts = mermaidBlocks(text)
    expect(charts).toHaveLength(4)
    for (const chart of charts) expect(chart.split('\n').filter((line) => line.startsWith('line ['))).toHaveLength(1)
    expect(parseMermaid(charts)).toEqual(charts.map(() => ({ type: 'xychart' })))
    expect(text.match(/^```mermaid$/gm)).toHaveLength(4)
  })

  it('leaves out links it cannot trust: a run URL that is not plain http(s) shows as text', () => {
    const doc = reportDocument([reportModel('a', { m: 1 }, { m: 2 })])
    doc.run.url = 'javascript:alert(1)//actions/runs/1'
    const shown = renderMarkdown(doc)
    expect(shown).toContain('Run 812 at `3f2a9c1`')
    expect(shown).not.toContain('](javascript')
  })
})

describe('renderMarkdown: failed, missing, removed and new models', () => {
  it('shows a failure’s phase, exit code, message, job log link and the log tail in a fence nothing in it can close', () => {
    const log = 'step 1\n```\n````` still inside\n</details><img src=x onerror=alert(1)>\n'
    const doc = reportDocument([reportModel('broken', undefined, {}, { failure: failure(log, 'it broke: see *log*'), logUrl: `${RUN_URL}/job/56` })])
    const markdown = renderMarkdown(doc)
    expect(markdown).toContain(`The **train** phase failed with exit code 1: it broke&#58; see \\*log\\* · [Job log](${RUN_URL}/job/56)`)
    expect(markdown).toContain('<details><summary>Last 4 lines of the log</summary>\n\n``````text\nstep 1\n```\n````` still inside\n')
    expect(markdown).toContain('onerror=alert(1)>\n``````\n\n</details>')
    expect(outsideCode(markdown)).not.toContain('<img')
  })

  it('names the signal that stopped a training', () => {
    const doc = reportDocument([reportModel('oom', undefined, {}, { failure: { ...failure('', ''), exit_code: null, signal: 'SIGKILL' } })])
    expect(renderMarkdown(doc)).toContain('The **train** phase failed when the process got `SIGKILL`.')
  })

  it('says in an unreadable artifact’s section why it gave no result, escaped on one line, not in a note at the top', () => {
    const problem = 'artifact model-ci-sneaky of run 7: the manifest is of model "alpha", not sneaky\r# injected\u2028<img src=x onerror=alert(1)> @octocat'
    const markdown = renderMarkdown(reportDocument([reportModel('sneaky', undefined, {}, { problem })]))
    expect(markdown).toContain(
      '### 💥 `sneaky` — training failed\n\nIts artifact could not be read: artifact model\\-ci\\-sneaky of run 7&#58; the manifest is of model ' +
        `&quot;alpha&quot;, not sneaky \\# injected &lt;img src=x onerror=alert\\(1\\)&gt; @&#8203;octocat · [Job log](${RUN_URL})\n`
    )
    expect(markdown).not.toMatch(/^> /m)
  })

  it('cuts an unreadable artifact’s reason to 500 characters', () => {
    const markdown = renderMarkdown(reportDocument([reportModel('junk', undefined, {}, { problem: `bad manifest: ${'x'.repeat(1_000_000)}` })]))
    expect(markdown).toContain(`Its artifact could not be read: bad manifest&#58; ${'x'.repeat(486)}… · [Job log]`)
    expect(markdown).not.toContain('x'.repeat(487))
  })

  it('says a missing model reported nothing and links its job, or the run', () => {
    const markdown = renderMarkdown(reportDocument([reportModel('lost', undefined, 'missing')]))
    expect(markdown).toContain(`no result came back: the job was cancelled, timed out or stopped before it uploaded its manifest. · [Job log](${RUN_URL})`)
  })

  it('shows a removed model with its baseline metrics and a new one with its head metrics', () => {
    const markdown = renderMarkdown(mixed)
    expect(markdown).toContain('### 🗑️ `gone` — removed\n\nNo longer in the repository.')
    expect(markdown).toContain('| 🆕 `accuracy` | — | 0.8 | — | — |')
  })

  it('says when a model reused its earlier outputs', () => {
    const markdown = renderMarkdown(reportDocument([reportModel('cached', { a: 1 }, { a: 1 }, { runCache: 'hit' })]))
    expect(markdown).toContain('(run-cache hit: the earlier outputs were reused)')
  })
})

describe('renderMarkdown: baselines', () => {
  const withBaseline = (baseline: BaselineSource) => renderMarkdown(reportDocument([reportModel('fraud', { accuracy: 0.9 }, { accuracy: 0.91 }, { baseline })]))

  it('says how far before the merge-base an ancestor’s ledger was', () => {
    expect(withBaseline({ ...MERGE_BASE_LEDGER, match: 'ancestor', commitsBefore: 3 })).toContain(
      `baseline: the ledger of [\`def5678\`](https://github.com/octo/models/commit/${BASE_SHA}), 3 commits before the merge-base (the nearest one with a ledger), from [run 800]`
    )
  })

  it('says plainly that the newest ledger is not the merge-base’s', () => {
    expect(withBaseline({ ...MERGE_BASE_LEDGER, match: 'newest' })).toMatch(/baseline: the newest ledger of the default branch, at .* from \[run 800\]\([^)]*\), \*\*not the merge-base's\*\*/)
  })

  it('names a committed metrics file, escaped', () => {
    expect(withBaseline({ kind: 'committed-file', sha: BASE_SHA, path: 'models/fraud/metrics`x`.json' })).toContain(
      'baseline: the metrics file ``models/fraud/metrics`x`.json`` committed at'
    )
  })

  it('shows a model’s own baseline when it differs from the one most models share', () => {
    const doc = reportDocument([
      reportModel('a', { m: 1 }, { m: 2 }),
      reportModel('b', { m: 1 }, { m: 2 }),
      reportModel('c', { m: 1 }, { m: 2 }, { baseline: { kind: 'committed-file', sha: BASE_SHA, path: 'metrics.json' } })
    ])
    const markdown = renderMarkdown(doc)
    expect(markdown).toContain('baseline: the ledger of the merge-base')
    expect(markdown).toContain('(1 model has another, shown with it)')
    expect(markdown).toMatch(/### 🔵 `c` — .*\n\n.*Baseline: the metrics file `metrics\.json` committed at/)
  })

  it('says there is no baseline when every model is new', () => {
    expect(renderMarkdown(reportDocument([reportModel('fresh', undefined, { a: 1 })]))).toContain('no baseline found for `def5678`')
  })
})

describe('renderMarkdown: user text renders inert', () => {
  const hostile = [
    '<img src=x onerror=alert(1)>',
    'a|b|c',
    'back`tick``s',
    '@octocat please',
    '[x](javascript:alert(1))',
    'line\nbreak # heading',
    '</details><script>alert(1)</script>',
    '**bold** _it_ ~~s~~ &amp;',
    '```'
  ]
  const base = Object.fromEntries(hostile.map((name, i) => [name, i + 1]))
  const head = Object.fromEntries(hostile.map((name, i) => [name, i + 2]))
  const doc = reportDocument(
    [
      reportModel('evil', base, head, { trainings: [{ sha: BASE_SHA, metrics: base }] }),
      reportModel('evil-fail', undefined, {}, { failure: failure('```\n<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)> @octocat [x](javascript:alert(1))') }),
      reportModel('evil-artifact', undefined, {}, { problem: '<img src=x onerror=alert(1)> @octocat [x](javascript:alert(1))\r</details><script>alert(1)</script>' })
    ],
    ['<script>alert(1)</script> @octocat']
  )
  doc.workflow = '<b>wf</b> @octocat'
  const markdown = renderMarkdown(doc)
  const visible = outsideCode(markdown)

  it('leaves no HTML, link, mention or emphasis outside code', () => {
    expect(visible).not.toMatch(/<img|<script|<b>|<\/details><script/i)
    expect(visible).not.toMatch(/javascript:/i)
    expect(visible).not.toMatch(/@octocat/)
    expect(visible).not.toContain('**bold**')
  })

  it('keeps every metric in one table row of exactly six cells', () => {
    const rows = metricRows(markdown)
    expect(rows).toHaveLength(hostile.length)
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(8)
  })

  it('shows the names as written, in code', () => {
    expect(markdown).toContain('| 🔵 `<img src=x onerror=alert(1)>` |')
    expect(markdown).toContain('| 🔵 ```back`tick``s``` |')
    expect(markdown).toContain('| 🔵 `line break # heading` |')
  })

  it('keeps chart titles and labels to letters, digits and . _ - / and space', () => {
    const charts = mermaidBlocks(markdown)
    expect(charts).toHaveLength(1)
    for (const chart of charts) {
      expect(chart).toMatch(/^title "[A-Za-z0-9 ._/-]{1,60}"$/m)
      const axis = /^x-axis \[(.*)\]$/m.exec(chart)?.[1] ?? ''
      expect(axis.split(', ')).toEqual(['"def5678"', '"this run"'])
    }
  })
})

describe('renderMarkdown: size', () => {
  it('fits 256 models x 50 metrics in a comment, saying what was cut and where the rest is', () => {
    const markdown = renderMarkdown(largeDocument(256, 50))
    expect(markdown.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH)
    expect(DEFAULT_MAX_LENGTH).toBeLessThan(COMMENT_LIMIT)
    expect(markdown).toMatch(/> \[!NOTE\]\n> Shortened to fit in a comment, without charts; metrics beyond the first 10 that moved in each model; the sections of \d+ models \(named at the end\)\./)
    expect(markdown).toContain(`The whole report is in the [job summary](${RUN_URL}) and in the \`report\` output file.`)
    expect(markdown).toMatch(/\*\*Left out for size\*\* \(see the job summary and the `report` output file\): 🔴 `model-\d{3}`, .*, and \d+ more models\.\n/)
  })

  it('keeps gate failures and regressions when it cuts, and lets unchanged models go first', () => {
    const doc = largeDocument(256, 50)
    const names = metricNames(50)
    const same = Object.fromEntries(names.map((name) => [name, 0.5]))
    doc.models.push(
      reportModel('zz-gated', { ...same, accuracy: 0.9 }, { ...same, accuracy: 0.8 }, { rules: GATED_ACCURACY }),
      reportModel('aa-same', same, same)
    )
    const markdown = renderMarkdown(doc)
    expect(markdown.split('\n').find((line) => line.startsWith('### '))).toBe('### ❌ `zz-gated` — 1 regressed (1 gated), 50 unchanged')
    expect(markdown).not.toContain('`aa-same` —')
  })

  it('collapses before it cuts: a report slightly too long loses its charts, not its models', () => {
    const full = renderMarkdown(mixed)
    const collapsed = renderMarkdown(mixed, { maxLength: full.length - 1 })
    expect(collapsed.length).toBeLessThan(full.length)
    expect(collapsed).not.toContain('```mermaid')
    expect(collapsed).toContain('Shortened to fit in a comment, without charts.')
    expect(collapsed.split('\n').filter((line) => /^#{3,4} /.test(line))).toHaveLength(7)
  })

  it('cuts a 1 MB log tail to its last lines, each line to 500 characters', () => {
    const log = `${'x'.repeat(100)}\n`.repeat(10_000) + 'y'.repeat(1_000_000)
    const markdown = renderMarkdown(reportDocument([reportModel('broken', undefined, {}, { failure: failure(log) })]))
    expect(markdown.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH)
    expect(markdown).toContain('<summary>Last 50 lines of the log</summary>')
    expect(markdown).toContain(`${'y'.repeat(500)}… (1000000 characters)`)
  })

  it('fits 256 models of 50 metrics whose names are 10,000 characters long, showing 100 of each', () => {
    const doc = largeDocument(256, 50)
    for (const model of doc.models) {
      for (const [i, metric] of model.comparison.metrics.entries()) metric.name = `${i}${'m'.repeat(10_000)}`
    }
    const markdown = renderMarkdown(doc)
    expect(markdown.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH)
    expect(markdown).toContain(`\`0${'m'.repeat(99)}…\``)
    expect(markdown).not.toContain('m'.repeat(101))
  })

  it('fits 256 unreadable artifacts whose reasons are 100,000 characters long', () => {
    const doc = reportDocument(Array.from({ length: 256 }, (_, m) => reportModel(`junk-${String(m).padStart(3, '0')}`, undefined, {}, { problem: '@'.repeat(100_000) })))
    const markdown = renderMarkdown(doc)
    expect(markdown.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH)
    expect(markdown).toMatch(/the sections of \d+ models \(named at the end\)/)
    expect(markdown).toContain(`### 💥 \`junk-000\` — training failed\n\nIts artifact could not be read: ${'@&#8203;'.repeat(500)}… · [Job log]`)
  })

  it('never goes over maxLength, however small, and never throws', () => {
    const docs = [
      mixed,
      largeDocument(20, 50),
      reportDocument([reportModel('broken', undefined, {}, { failure: failure('z\n'.repeat(1000)) })]),
      reportDocument([reportModel('junk', undefined, {}, { problem: '<&>'.repeat(10_000) })])
    ]
    for (const doc of docs) {
      for (const maxLength of [0, 5, 100, 400, 1_000, 3_000, 10_000, 30_000]) {
        expect(renderMarkdown(doc, { maxLength, marker: MARKER }).length).toBeLessThanOrEqual(maxLength)
      }
    }
  })
})
