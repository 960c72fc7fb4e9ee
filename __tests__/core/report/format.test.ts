import { describe, expect, it } from '@jest/globals'
import { formatChange, formatPair, formatPercent, formatValue } from '../../../src/core/report/format.js'
import { logLines } from '../../../src/core/report/log-tail.js'
import { chartLabels } from '../../../src/core/trend-chart.js'
import { truncate } from '../../../src/core/untrusted-text.js'

describe('numbers', () => {
  it('show four significant digits, whole numbers as they are, tiny and huge ones in exponent form', () => {
    expect([0.93124, 12.3456, 1234.56, 123456.7, 42, -7, 0.00001234, 1.5e20].map((value) => formatValue(value))).toEqual([
      '0.9312', '12.35', '1235', '123457', '42', '-7', '1.234e-5', '1.5e20'
    ])
  })

  it('take as many digits as it takes to tell base from head', () => {
    expect(formatPair(0.93121, 0.93124)).toEqual(['0.93121', '0.93124'])
    expect(formatPair(1, 1 + 1e-10)).toEqual(['1', '1.0000000001'])
    expect(formatPair(0.9, 0.9)).toEqual(['0.9', '0.9'])
    expect(formatPair(null, 0.5)).toEqual(['—', '0.5'])
  })

  it('put a sign on changes and percentages, and a dash where there is none', () => {
    expect([formatChange(0.0123456), formatChange(-3), formatChange(0), formatChange(null)]).toEqual(['+0.0123', '-3', '0', '—'])
    expect([formatPercent(3.2345), formatPercent(-0.04123), formatPercent(250.4), formatPercent(1e-9), formatPercent(null)]).toEqual([
      '+3.2%', '-0.041%', '+250%', '0%', '—'
    ])
  })

  it('cut text to a number of code points, never inside a surrogate pair', () => {
    expect(truncate('abc', 3)).toBe('abc')
    expect(truncate('abcd', 3)).toBe('abc…')
    expect(truncate('😀😀😀', 3)).toBe('😀😀😀')
    expect(truncate('😀😀😀😀', 2)).toBe('😀😀…')
  })
})

describe('chartLabels', () => {
  it('keep a safe set of characters, cut long names and number repeats', () => {
    expect(chartLabels(['test.f1', 'a"b`c%%d', 'x'.repeat(40), 'a_b_c__d', '@@@'])).toEqual(['test.f1', 'a_b_c__d', `${'x'.repeat(22)}..`, 'a_b_c__d 2', '___'])
  })
})

describe('logLines', () => {
  it('keeps the last 50 lines, drops colour codes, keeps a progress bar’s last state and escapes other controls', () => {
    const tail = `${Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n')}\n\u001b[31mred\u001b[0m\r\n10%\r50%\r100%\nbell\u0007\n\n`
    const lines = logLines(tail)
    expect(lines).toHaveLength(50)
    expect(lines.slice(-4)).toEqual(['line 59', 'red', '100%', 'bell\\u0007'])
    expect(lines[0]).toBe('line 13')
  })

  it('reads a 1 MB line from its start only, saying how long it was', () => {
    const [line] = logLines('z'.repeat(1_000_000))
    expect(line).toBe(`${'z'.repeat(500)}… (1000000 characters)`)
  })
})
