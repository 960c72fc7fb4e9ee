import { describe, expect, it } from '@jest/globals'
import { chartText, headlineMetrics, plainNumber, trendChart } from '../../src/core/trend-chart.js'
import { parseMermaid } from '../harness/mermaid.js'

/** The chart without its fence, as Mermaid reads it. */
const inner = (chart: string | undefined) => (chart ?? '').replace(/^```mermaid\n|\n```$/g, '')

describe('trendChart', () => {
  it('draws one line over the points, oldest first, on an axis a little wider than the values', () => {
    const chart = trendChart('accuracy', [
      { label: 'a1a1a1a', value: 0.9 },
      { label: 'b2b2b2b', value: 0.95 },
      { label: 'PR', value: 0.91 }
    ])
    expect(chart).toBe(
      [
        '```mermaid',
        '%%{init: {"xyChart": {"height": 220, "width": 600}}}%%',
        'xychart-beta',
        'title "accuracy"',
        'x-axis ["a1a1a1a", "b2b2b2b", "PR"]',
        'y-axis 0.895 --> 0.955',
        'line [0.9, 0.95, 0.91]',
        '```'
      ].join('\n')
    )
  })

  it('draws no chart of a single point, and keeps the newest 11 of many', () => {
    expect(trendChart('m', [{ label: 'PR', value: 1 }])).toBeUndefined()
    expect(trendChart('m', [{ label: 'x', value: Number.NaN }, { label: 'PR', value: 1 }])).toBeUndefined()
    const many = trendChart('m', Array.from({ length: 20 }, (_, i) => ({ label: `t${i}`, value: i })))
    expect(many).toContain('x-axis ["t9", "t10", "t11", "t12", "t13", "t14", "t15", "t16", "t17", "t18", "t19"]')
  })

  it('keeps a flat line off the frame', () => {
    expect(trendChart('m', [{ label: 'a', value: 2 }, { label: 'b', value: 2 }])).toContain('y-axis 1.8 --> 2.2')
    expect(trendChart('m', [{ label: 'a', value: 0 }, { label: 'b', value: 0 }])).toContain('y-axis -1 --> 1')
  })

  it('writes what Mermaid parses whatever the names and values', () => {
    const hostile = ['a"b', 'x"]\nline [1]\nx-axis ["y', '```', '%%{init: {"theme": "dark"}}%%', 'a#quot;b&amp;', '<b>bold</b>', 'ünï 😀', '', 'x'.repeat(500)]
    const values = [1e-12, -3e20, 123456789.123, -0.000015, 0, 1e300, 7, -7, 0.5]
    const charts = hostile.map((name, i) =>
      trendChart(name, [
        { label: name, value: values[i] },
        { label: hostile[(i + 1) % hostile.length], value: values[(i + 1) % values.length] },
        { label: name, value: values[(i + 2) % values.length] }
      ])
    )
    for (const chart of charts) {
      const lines = inner(chart).split('\n')
      expect(lines).toHaveLength(6)
      expect(lines[2]).toMatch(/^title "[A-Za-z0-9 ._/-]+"$/)
      expect(lines[3]).toMatch(/^x-axis \["[A-Za-z0-9 ._/-]+"(, "[A-Za-z0-9 ._/-]+"){2}\]$/)
    }
    expect(parseMermaid(charts.map(inner))).toEqual(charts.map(() => ({ type: 'xychart' })))
  })

  it('is checked by a parser that refuses a broken chart', () => {
    const broken = inner(trendChart('m', [{ label: 'a', value: 1 }, { label: 'b', value: 2 }])).replace('x-axis ["a"', 'x-axis ["a"b"')
    expect(parseMermaid([broken])).toEqual([{ error: expect.stringContaining('Parse error') }])
  })
})

describe('plainNumber', () => {
  it('writes six significant digits without an exponent', () => {
    expect([0.93124, 123456.7, 1e-7, -2.5, 0, 42, 1e-300, 1e15].map(plainNumber)).toEqual(['0.93124', '123457', '0.0000001', '-2.5', '0', '42', '0', '1000000000000000'])
  })
})

describe('chartText', () => {
  it('keeps letters, digits and . _ - / and space, and cuts', () => {
    expect(chartText('test.f1 / val-loss_2', 60)).toBe('test.f1 / val-loss_2')
    expect(chartText('a"b`%%{x}', 60)).toBe('a_b____x_')
    expect(chartText('y'.repeat(70), 60)).toBe(`${'y'.repeat(58)}..`)
    expect(chartText('', 60)).toBe('_')
  })
})

describe('headlineMetrics', () => {
  it('are the gated metrics, at most four, else the first metric, by name', () => {
    const metric = (name: string, gate = false) => ({ name, gate })
    expect(headlineMetrics([metric('loss'), metric('acc', true), metric('f1', true)])).toEqual(['acc', 'f1'])
    expect(headlineMetrics([metric('loss'), metric('acc')])).toEqual(['acc'])
    expect(headlineMetrics(['e', 'b', 'c', 'd', 'a'].map((name) => metric(name, true)))).toEqual(['a', 'b', 'c', 'd'])
    expect(headlineMetrics([])).toEqual([])
  })
})
