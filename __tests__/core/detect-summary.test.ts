import { describe, expect, it } from '@jest/globals'
import { emptyWhy } from '../../src/core/changes.js'
import { renderDetectSummary } from '../../src/core/detect-summary.js'

describe('renderDetectSummary', () => {
  it('lists each model with the files that picked it, and the deleted ones', () => {
    const summary = renderDetectSummary({
      range: { base: 'a'.repeat(40), head: 'b'.repeat(40) },
      picked: [
        { model: 'fraud', path: 'models/fraud', why: { ...emptyWhy(), files: ['models/fraud/src/train.py'] } },
        { model: 'churn', path: 'models/churn', why: { ...emptyWhy(), shared: ['scripts/a.py', 'scripts/b.py'] } }
      ],
      deleted: ['old']
    })
    expect(summary).toContain('**2 models** to train between `aaaaaaaaaaaa` and `bbbbbbbbbbbb`.')
    expect(summary).toContain('| `fraud` | `models/fraud` | changed 1 file: `models/fraud/src/train.py` |')
    expect(summary).toContain('| `churn` | `models/churn` | shared 2 files: `scripts/a.py`, `scripts/b.py` |')
    expect(summary).toContain('Deleted or renamed away (not trained): `old`.')
  })

  it('cuts long file lists and keeps user text from breaking the table', () => {
    const files = Array.from({ length: 8 }, (_, i) => `models/x/f|${i}.py`)
    const summary = renderDetectSummary({
      range: { head: 'c'.repeat(40), note: 'chosen by <b>hand</b>' },
      picked: [{ model: 'x', path: 'models/x', why: { ...emptyWhy(), files } }],
      deleted: []
    })
    expect(summary).toContain('and 3 more')
    expect(summary).not.toContain('<b>')
    const row = summary.split('\n').find((line) => line.startsWith('| `x`')) as string
    expect(row.split(/(?<!\\)\|/).length).toBe(5)
  })

  it('says when the models share jobs past max-jobs, and what balanced them, escaped', () => {
    const summary = renderDetectSummary({
      range: { head: 'c'.repeat(40) },
      picked: ['a', 'b', 'c'].map((model) => ({ model, path: `models/${model}`, why: emptyWhy() })),
      deleted: [],
      batches: { jobs: 2, maxJobs: 2, balancedBy: 'the count of models in each job (the ledger could not be read: <b>403</b>)', atOnce: 1, inTurn: 0 }
    })
    expect(summary).toContain(
      'They train in **2 jobs**: more models than `max-jobs` (2), so models with the same `runs-on` and `python` share jobs, balanced by the count of models in each job \\(the ledger could not be read&#58; &lt;b&gt;403&lt;/b&gt;\\).\n'
    )
  })

  it('says how many of a job\'s models train at once, and which jobs a venv: false model keeps to one at a time', () => {
    const summary = (atOnce: number, inTurn: number) =>
      renderDetectSummary({ range: { head: 'c'.repeat(40) }, picked: [], deleted: [], batches: { jobs: 3, maxJobs: 3, balancedBy: 'time', atOnce, inTurn } })
    expect(summary(2, 0)).toContain('balanced by time. Each job trains up to **2** of its models at once (`jobs`).\n')
    expect(summary(4, 1)).toContain("Each job trains up to **4** of its models at once (`jobs`) (1 job one at a time: a model of it has `venv: false` and requirements, which install into the runner's Python).")
  })

  it('notes the folders that look like models but are not, their names escaped, past ten counted', () => {
    const one = renderDetectSummary({ range: { head: 'b'.repeat(40) }, picked: [], deleted: [], lookalikes: ['models/churn`x'] })
    expect(one).toContain('Not a model: ``models/churn`x`` holds Python files but neither `model.yml` nor `src/train.py`, though `models` matches it; add a `model.yml` to train it as a model.')
    const many = renderDetectSummary({ range: { head: 'b'.repeat(40) }, picked: [], deleted: [], lookalikes: Array.from({ length: 12 }, (_, i) => `models/m${i}`) })
    expect(many).toContain('`models/m9` and 2 more hold Python files')
    expect(renderDetectSummary({ range: { head: 'b'.repeat(40) }, picked: [], deleted: [], lookalikes: [] })).not.toContain('Not a model')
  })
})
