import { describe, expect, it } from '@jest/globals'
import { CAUSE_MAX_LENGTH, CAUSE_MAX_LINE_LENGTH, CAUSE_MAX_LINES, failureCause } from '../../src/core/failure-cause.js'

describe('failureCause', () => {
  it("keeps a Python exception line and drops the traceback's frames, carets included", () => {
    const output = [
      'loading data',
      'Traceback (most recent call last):',
      '  File "/work/models/fraud/src/train.py", line 12, in <module>',
      '    main()',
      '  File "/work/models/fraud/src/train.py", line 9, in main',
      '    split(rows)[1]',
      '    ~~~~~~~~~~~^^^',
      'ValueError: test split is empty'
    ]
    expect(failureCause(output)).toEqual(['loading data', 'ValueError: test split is empty'])
  })

  it('drops the frames of each exception of a chain, keeping the exceptions and what joins them', () => {
    const output = [
      'Traceback (most recent call last):',
      '  File "train.py", line 3, in <module>',
      "    open('data.csv')",
      "FileNotFoundError: [Errno 2] No such file or directory: 'data.csv'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "train.py", line 5, in <module>',
      '    raise RuntimeError("no training data")',
      'RuntimeError: no training data'
    ]
    expect(failureCause(output)).toEqual([
      "FileNotFoundError: [Errno 2] No such file or directory: 'data.csv'",
      'During handling of the above exception, another exception occurred:',
      'RuntimeError: no training data'
    ])
  })

  it('drops frames whose header was cut off the kept output', () => {
    const output = ['epoch 3', '  File "train.py", line 9, in load', '    raise KeyError("label")', "KeyError: 'label'"]
    expect(failureCause(output)).toEqual(['epoch 3', "KeyError: 'label'"])
  })

  it('keeps the frames when no exception line follows them (the output stopped inside the traceback)', () => {
    const output = ['Traceback (most recent call last):', '  File "train.py", line 3, in <module>', '    fit()']
    expect(failureCause(output)).toEqual(['Traceback (most recent call last):', 'File "train.py", line 3, in <module>', 'fit()'])
  })

  it("keeps pip's errors and skips its bookkeeping, progress and notices", () => {
    const output = [
      'Looking in links: wheels/',
      'Requirement already satisfied: numpy==2.5.0 in /venv/lib/python3.11/site-packages (from -r src/requirements.txt (line 1)) (2.5.0)',
      'Collecting pandas==3.1.0 (from -r src/requirements.txt (line 2))',
      '  Downloading pandas-3.1.0-cp311-cp311-manylinux_2_28_x86_64.whl (12.9 MB)',
      '     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 12.9/12.9 MB 31.0 MB/s eta 0:00:00',
      'ERROR: Could not find a version that satisfies the requirement model-ci-no-such-package==1.0 (from versions: none)',
      '',
      '[notice] A new release of pip is available: 24.0 -> 25.3',
      '[notice] To update, run: pip install --upgrade pip',
      'ERROR: No matching distribution found for model-ci-no-such-package==1.0'
    ]
    expect(failureCause(output)).toEqual([
      'ERROR: Could not find a version that satisfies the requirement model-ci-no-such-package==1.0 (from versions: none)',
      'ERROR: No matching distribution found for model-ci-no-such-package==1.0'
    ])
  })

  it(`shows at most the last ${CAUSE_MAX_LINES} lines, trimmed`, () => {
    const output = Array.from({ length: 80 }, (_, index) => `  step ${index + 1}  `)
    expect(failureCause(output)).toEqual(['step 76', 'step 77', 'step 78', 'step 79', 'step 80'])
  })

  it('cuts a long line and drops older lines past the total bound, always keeping the newest', () => {
    const long = 'x'.repeat(70_000)
    const [only] = failureCause([long])
    expect(only).toBe(`${'x'.repeat(CAUSE_MAX_LINE_LENGTH)}…`)

    const lines = failureCause(['a'.repeat(150), 'b'.repeat(150), 'c'.repeat(150), 'd'.repeat(150)])
    expect(lines).toEqual(['b'.repeat(150), 'c'.repeat(150), 'd'.repeat(150)])
    expect(lines.join('').length).toBeLessThanOrEqual(CAUSE_MAX_LENGTH)
  })

  it('removes terminal colors and escapes every other control character, so each line stays one line', () => {
    const lines = failureCause(['\u001b[31mValueError\u001b[0m: bad\u0007 row\u2028two', '\u001b]0;title\u0007done'])
    expect(lines).toEqual(['ValueError: bad\\u0007 row\\u2028two', 'done'])
  })

  it('gives nothing for output that is blank or only noise', () => {
    expect(failureCause([])).toEqual([])
    expect(failureCause(['', '   ', 'Requirement already satisfied: pip in /venv'])).toEqual([])
  })
})
