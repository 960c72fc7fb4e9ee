import { describe, expect, it } from '@jest/globals'
import { renderTerminal } from '../../../src/core/report/render-terminal.js'
import { GATED_ACCURACY, RUN_URL, reportDocument, reportModel } from './report-fixtures.js'

const LONG_NAME = 'very.long.metric.name.'.repeat(8)

const doc = reportDocument(
  [
    reportModel('fraud', { accuracy: 0.93, 'test.f1': 0.91, [LONG_NAME]: 0.3, auc: 0.8 }, { accuracy: 0.9, 'test.f1': 0.92, [LONG_NAME]: 0.25, auc: 0.8 }, { rules: GATED_ACCURACY }),
    reportModel('steady', { accuracy: 0.8 }, { accuracy: 0.8 }),
    reportModel('broken', undefined, {}, {
      failure: { phase: 'install', exit_code: 2, signal: null, message: 'pip failed', log_tail: 'Collecting x\n\u001b[31mERROR: no matching distribution\u001b[0m\n' },
      logUrl: `${RUN_URL}/job/9`
    }),
    reportModel('evil', { 'a\u001b[2Jb\u009b31m': 1 }, { 'a\u001b[2Jb\u009b31m': 2 })
  ],
  ['note with \u001b]0;title\u0007 escape']
)

describe('renderTerminal', () => {
  const plain = renderTerminal(doc, { color: false, width: 80 })
  const lines = plain.split('\n')

  it('starts with the title and the same headline as the comment', () => {
    expect(lines.slice(0, 3)).toEqual([
      'model-ci report — models',
      '1 gate failed. 4 models trained: 1 regressed, 2 steady, 1 failed.',
      '  ✖ fraud › accuracy: 0.93 → 0.9 (-3.2%), tolerance 0.005'
    ])
  })

  it('aligns each model’s metrics in columns, numbers to the right, within the width', () => {
    const start = lines.findIndex((line) => line.startsWith('  verdict'))
    const table = lines.slice(start, start + 4)
    expect(table[0]).toMatch(/^ {2}verdict {6}metric +base {2}head {2}change {2}% change$/)
    expect(table.slice(1).map((line) => line.slice(0, 14))).toEqual(['  GATE FAILED ', '  improved    ', '  no goal     '])
    expect(new Set(table.map((line) => line.length)).size).toBe(1)
    for (const line of table) expect(Array.from(line).length).toBeLessThanOrEqual(80)
    expect(table[3]).toMatch(/^ {2}no goal {6}very\.long\.metric\.name\.\S*\s+0\.3\s+0\.25\s+-0\.05\s+-17%$/)
  })

  it('wraps a name too long for the width in its cell, never cutting it', () => {
    const start = lines.findIndex((line) => line.startsWith('  no goal'))
    const under = lines.slice(start + 1).filter((_line, i, all) => all.slice(0, i + 1).every((line) => /^ {15}\S/.test(line)))
    expect(under.length).toBeGreaterThan(0)
    for (const line of under) expect(Array.from(line).length).toBeLessThanOrEqual(80)
    const name = [lines[start].slice(15).replace(/\s+0\.3\s.*$/, ''), ...under.map((line) => line.slice(15))].join('')
    expect(LONG_NAME.startsWith(name.replace(/…$/, ''))).toBe(true)
    expect(name.length).toBeGreaterThan(60)
  })

  it('without a width (0, or none: not a terminal) wraps nothing; too narrow for the columns, lists each metric on two lines', () => {
    for (const width of [0, undefined]) {
      const row = renderTerminal(doc, { color: false, width }).split('\n').find((line) => line.startsWith('  no goal'))
      expect(row).toMatch(/^ {2}no goal {6}(very\.long\.metric\.name\.)+\S*\s+0\.3\s+0\.25\s+-0\.05\s+-17%$/)
    }
    const narrow = renderTerminal(doc, { color: false, width: 30 }).split('\n')
    const at = narrow.findIndex((line) => line.startsWith('  no goal very.long.metric.name.'))
    expect(narrow[at + 1]).toBe('    base 0.3, head 0.25, change -0.05, % change -17%')
    expect(narrow.some((line) => line.startsWith('  verdict'))).toBe(false)
  })

  it('counts unchanged metrics and shows unchanged models on one line', () => {
    expect(plain).toContain('  and 1 unchanged metric')
    expect(plain).toContain('= steady — 1 metric, all unchanged')
  })

  it('shows a failure with its job log and log tail, without the tail’s colour codes', () => {
    expect(plain).toContain('✖ broken — training failed\n  The install phase failed with exit code 2: pip failed\n  Job log (https://github.com/octo/models/actions/runs/812/job/9)')
    expect(plain).toContain('  Last 2 lines of the log:\n  │ Collecting x\n  │ ERROR: no matching distribution\n')
  })

  it('says in an unreadable artifact’s section why it gave no result, its control characters escaped', () => {
    const unreadable = reportDocument([reportModel('sneaky', undefined, {}, { problem: 'artifact model-ci-sneaky: bad\u001b[2J\nmanifest' })])
    expect(renderTerminal(unreadable, { color: false })).toContain(
      `✖ sneaky — training failed\n  Its artifact could not be read: artifact model-ci-sneaky: bad\\u001b[2J\\u000amanifest\n  Job log (${RUN_URL})\n`
    )
  })

  it('escapes control characters in every untrusted text, so nothing reaches the terminal as a sequence', () => {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
    expect(plain).toContain('a\\u001b[2Jb\\u009b31m')
    expect(plain).toContain('note with \\u001b]0;title\\u0007 escape')
  })

  it('colours only when asked', () => {
    const colored = renderTerminal(doc, { color: true, width: 80 })
    expect(colored).toContain('\u001b[31mGATE FAILED\u001b[0m')
    expect(colored).toContain('\u001b[32mimproved   \u001b[0m')
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain) // eslint-disable-line no-control-regex -- removing the colours
  })
})
