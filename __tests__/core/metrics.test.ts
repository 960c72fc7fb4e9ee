import { describe, expect, it } from '@jest/globals'
import { parseMetrics } from '../../src/core/metrics.js'
import { UserError } from '../../src/errors.js'

/** The UserError a user would see, checked to be one line that starts with the file name. */
function errorFor(content: string, file: string): UserError {
  let thrown: unknown
  try {
    parseMetrics(content, file)
  } catch (error) {
    thrown = error
  }
  if (!(thrown instanceof UserError)) throw new Error(`expected a UserError, got ${String(thrown)}`)
  expect(thrown.file).toBe(file)
  expect(thrown.message.startsWith(`${file}: `)).toBe(true)
  expect(thrown.message).not.toMatch(/[\r\n\u2028\u2029]/)
  return thrown
}

function expectError(content: string, file: string, message: string): void {
  expect(errorFor(content, file).message).toBe(message)
}

describe('parseMetrics: choosing the format', () => {
  it('reads the extension case-insensitively', () => {
    expect(parseMetrics('{"a": 1}', 'out/METRICS.Json').metrics).toEqual({ a: 1 })
    expect(parseMetrics('a: 1', 'out/metrics.YML').metrics).toEqual({ a: 1 })
    expect(parseMetrics('a: 1', 'out/metrics.yaml').metrics).toEqual({ a: 1 })
    expect(parseMetrics('a\n1', 'out/metrics.CSV').metrics).toEqual({ a: 1 })
  })

  it('rejects any other extension, naming the file and the supported ones', () => {
    expectError('{"a": 1}', 'outputs/metrics.txt', 'outputs/metrics.txt: unsupported metrics file extension ".txt"; use .json, .yaml, .yml or .csv')
    expectError('{"a": 1}', 'outputs.d/metrics', 'outputs.d/metrics: the metrics file has no extension; use .json, .yaml, .yml or .csv')
  })
})

describe('parseMetrics: empty files', () => {
  it.each([
    ['nothing', ''],
    ['only whitespace', '  \r\n\t\n'],
    ['only a byte order mark', '\uFEFF\n']
  ])('rejects a file with %s, in every format', (_label, content) => {
    for (const file of ['m.json', 'm.yaml', 'm.csv']) {
      expectError(content, file, `${file}: the metrics file is empty; write at least one metric`)
    }
  })

  it('rejects a YAML file of comments only', () => {
    expectError('# nothing yet\n', 'm.yaml', 'm.yaml: the metrics file has no YAML document; write at least one metric')
  })

  it('rejects a CSV file of blank rows only', () => {
    expectError(',,\n , \n', 'm.csv', 'm.csv: the metrics file is empty; write at least one metric')
  })
})

describe('parseMetrics: JSON', () => {
  it('flattens nested objects to dotted names, in file order', () => {
    const { metrics, skipped } = parseMetrics('{"accuracy": 0.93, "test": {"f1": 0.91, "auc": {"macro": 0.8}}, "loss": -1.5e-3}', 'm.json')
    expect(Object.entries(metrics)).toEqual([
      ['accuracy', 0.93],
      ['test.f1', 0.91],
      ['test.auc.macro', 0.8],
      ['loss', -0.0015]
    ])
    expect(skipped).toEqual([])
  })

  it('keeps a key that contains a dot as it is', () => {
    expect(parseMetrics('{"a.b": 1, "c": {"d.e": 2}}', 'm.json').metrics).toEqual({ 'a.b': 1, 'c.d.e': 2 })
  })

  it('rejects two keys that flatten to the same name, in either order', () => {
    const message = 'outputs/metrics.json: metric "a.b" is given twice (nested keys are joined with "."); give each metric its own name'
    expectError('{"a.b": 1, "a": {"b": 2}}', 'outputs/metrics.json', message)
    expectError('{"a": {"b": 2}, "a.b": 1}', 'outputs/metrics.json', message)
  })

  it('skips values that are not numbers, each with its name and a reason', () => {
    const content = JSON.stringify({ accuracy: 'high', f1: 0.9, ok: true, per_class: [0.1, 0.2], loss: null, extra: {}, test: { note: 'x' } })
    expect(parseMetrics(content, 'm.json')).toEqual({
      metrics: { f1: 0.9 },
      skipped: [
        { name: 'accuracy', reason: 'a string, not a number' },
        { name: 'ok', reason: 'a boolean, not a number' },
        { name: 'per_class', reason: 'a list, not a number' },
        { name: 'loss', reason: 'an empty value (null), not a number' },
        { name: 'extra', reason: 'an empty mapping, not a number' },
        { name: 'test.note', reason: 'a string, not a number' }
      ]
    })
  })

  it('rejects a file whose values are all skipped, listing the first three', () => {
    expectError(
      '{"accuracy": "high", "ok": true, "tags": ["a"], "n": null}',
      'm.json',
      'm.json: no numeric metrics; skipped "accuracy" (a string, not a number), "ok" (a boolean, not a number), "tags" (a list, not a number) and 1 more'
    )
    expectError('{"accuracy": "high"}', 'm.json', 'm.json: no numeric metrics; skipped "accuracy" (a string, not a number)')
  })

  it('rejects an object without values', () => {
    expectError('{}', 'm.json', 'm.json: no numeric metrics; the file holds no values')
  })

  it('rejects a number too large for a double, as Infinity', () => {
    expectError('{"big": 1e400}', 'outputs/metrics.json', 'outputs/metrics.json: metric "big" is Infinity; metrics must be finite numbers')
    expectError('{"t": {"small": -1e400}}', 'm.json', 'm.json: metric "t.small" is -Infinity; metrics must be finite numbers')
  })

  it('rejects a document that is not an object', () => {
    expectError('[0.9, 0.8]', 'm.json', 'm.json: the metrics must be a JSON object of metric names to numbers, not a list')
    expectError('0.9', 'm.json', 'm.json: the metrics must be a JSON object of metric names to numbers, not a number')
    expectError('null', 'm.json', 'm.json: the metrics must be a JSON object of metric names to numbers, not an empty value (null)')
  })

  // The reason is V8's own text: Node 20 gives an offset, which the parser turns into a line and
  // column; Node 22 and later (the action runs on node24) give "(line 2 column 5)" themselves.
  it("reports invalid JSON on one line with the parser's reason and where", () => {
    const message = errorFor('{"a": 1,\n"b" 2}', 'outputs/metrics.json').message
    expect(message).toMatch(/^outputs\/metrics\.json: invalid JSON: Unexpected number in JSON at position 13 \(line 2,? column 5\)$/)
    // V8 quotes the text around the error, newlines included: they must not reach the annotation.
    expect(errorFor('{"a":\n}', 'm.json').message).toMatch(/^m\.json: invalid JSON: Unexpected token/)
    expect(errorFor('{"a": 1', 'm.json').message).toMatch(
      /^m\.json: invalid JSON: Expected ',' or '}' after property value in JSON at position 7 \(line 1,? column 8\)$/
    )
  })

  it('reads a file that starts with a byte order mark', () => {
    expect(parseMetrics('\uFEFF{"a": 1}', 'm.json').metrics).toEqual({ a: 1 })
  })

  it('keeps a metric called __proto__ as a metric, not a prototype', () => {
    const { metrics } = parseMetrics('{"__proto__": 1, "constructor": 2}', 'm.json')
    expect(Object.entries(metrics)).toEqual([
      ['__proto__', 1],
      ['constructor', 2]
    ])
    expect(Object.getPrototypeOf(metrics)).toBe(Object.prototype)
  })

  it('rejects an empty key, saying where it is', () => {
    expectError('{"": 1}', 'm.json', 'm.json: a metric name is empty; give every metric a name')
    expectError('{"test": {"": 1}}', 'm.json', 'm.json: a metric name is empty (a key under "test"); give every metric a name')
  })
})

describe('parseMetrics: YAML', () => {
  it('flattens nested mappings and reads YAML numbers', () => {
    const content = 'accuracy: 0.93\ntest:\n  f1: 0.91\n  count: 0x10\nloss: -1.5e-3\n'
    expect(Object.entries(parseMetrics(content, 'm.yaml').metrics)).toEqual([
      ['accuracy', 0.93],
      ['test.f1', 0.91],
      ['test.count', 16],
      ['loss', -0.0015]
    ])
  })

  it('rejects .nan and .inf, naming the file and the metric', () => {
    expectError('accuracy: 0.9\nloss: .nan\n', 'outputs/metrics.yaml', 'outputs/metrics.yaml: metric "loss" is NaN; metrics must be finite numbers')
    expectError('test:\n  loss: -.inf\n', 'm.yml', 'm.yml: metric "test.loss" is -Infinity; metrics must be finite numbers')
    expectError('loss: .Inf\n', 'm.yml', 'm.yml: metric "loss" is Infinity; metrics must be finite numbers')
  })

  it('skips text, booleans, lists and empty values; a date stays text', () => {
    const content = 'f1: 0.9\nwhen: 2024-01-01\nok: yes\ndone: true\nper_class: [0.1, 0.2]\nauc:\n'
    expect(parseMetrics(content, 'm.yaml').skipped).toEqual([
      { name: 'when', reason: 'a string, not a number' },
      { name: 'ok', reason: 'a string, not a number' },
      { name: 'done', reason: 'a boolean, not a number' },
      { name: 'per_class', reason: 'a list, not a number' },
      { name: 'auc', reason: 'an empty value (null), not a number' }
    ])
  })

  it('rejects a collision between a dotted key and a nested one', () => {
    expectError('a.b: 1\na:\n  b: 2\n', 'm.yaml', 'm.yaml: metric "a.b" is given twice (nested keys are joined with "."); give each metric its own name')
  })

  it("reports invalid YAML on one line with the parser's reason and position", () => {
    expectError('a: [1, 2\n', 'm.yaml', 'm.yaml: invalid YAML at line 2, column 1: unexpected end of the stream within a flow collection')
    expectError('a: 1\na: 2\n', 'm.yaml', 'm.yaml: invalid YAML at line 2, column 1: duplicated mapping key')
  })

  it('reports more than one document without a position', () => {
    expectError('a: 1\n---\nb: 2\n', 'm.yaml', 'm.yaml: invalid YAML: expected a single document in the stream, but found more')
  })

  it('rejects a document that is not a mapping', () => {
    expectError('- 0.9\n- 0.8\n', 'm.yaml', 'm.yaml: the metrics must be a YAML mapping of metric names to numbers, not a list')
    expectError('high\n', 'm.yaml', 'm.yaml: the metrics must be a YAML mapping of metric names to numbers, not a string')
    expectError('~\n', 'm.yaml', 'm.yaml: the metrics file has no YAML document; write at least one metric')
  })

  it('does not run YAML tags that make objects (safe load)', () => {
    expect(errorFor('a: !!js/function "function () {}"\n', 'm.yaml').message).toMatch(/^m\.yaml: invalid YAML at line 1, column 34: unknown tag/)
  })
})

describe('parseMetrics: CSV, a header of names over one row of values', () => {
  it('reads names and values in order', () => {
    expect(Object.entries(parseMetrics('accuracy,f1,loss\n0.93,0.91,-1.5e-3\n', 'm.csv').metrics)).toEqual([
      ['accuracy', 0.93],
      ['f1', 0.91],
      ['loss', -0.0015]
    ])
  })

  it('reads CRLF, a byte order mark, no trailing newline, blank lines and padded cells', () => {
    const content = '\uFEFF accuracy , "f1"\t\r\n\r\n 0.5 ,  0.25 '
    expect(parseMetrics(content, 'm.csv').metrics).toEqual({ accuracy: 0.5, f1: 0.25 })
  })

  it('reads quoted fields with commas, doubled quotes and dots as they are', () => {
    const content = '"loss, val","say ""hi""",test.f1\n"1",2,"3"\n'
    expect(Object.entries(parseMetrics(content, 'm.csv').metrics)).toEqual([
      ['loss, val', 1],
      ['say "hi"', 2],
      ['test.f1', 3]
    ])
  })

  it('ignores a trailing comma on both lines', () => {
    expect(parseMetrics('a,b,\n1,2,\n', 'm.csv').metrics).toEqual({ a: 1, b: 2 })
  })

  it('rejects more than one row of values, saying which form to use', () => {
    expectError(
      'accuracy,f1\n0.9,0.8\n0.7,0.6\n',
      'outputs/metrics.csv',
      'outputs/metrics.csv: the CSV has 2 rows of values under its header; write one row of values under a header of metric names, or rows of name,value under a "name,value" header'
    )
  })

  it('rejects a header without values', () => {
    expectError(
      'accuracy,f1\n',
      'm.csv',
      'm.csv: the CSV has a header but no row of values; write one row of values under a header of metric names, or rows of name,value under a "name,value" header'
    )
  })

  it('rejects a row of values that does not match the header', () => {
    expectError('a,b,c\n1,2\n', 'm.csv', 'm.csv: line 2 has 2 values but the header on line 1 has 3 names; give each metric one value')
    expectError('a,b\n\n1,2,3\n', 'm.csv', 'm.csv: line 3 has 3 values but the header on line 1 has 2 names; give each metric one value')
    expectError('a,b,c\r\n1,2\r\n', 'm.csv', 'm.csv: line 2 has 2 values but the header on line 1 has 3 names; give each metric one value')
    expectError('a,"b\r\nc"\r\n\r\n1\r\n', 'm.csv', 'm.csv: line 4 has 1 value but the header on line 1 has 2 names; give each metric one value')
  })

  it('rejects a value without a name, as pandas writes its index', () => {
    expectError(',accuracy\n0,0.9\n', 'm.csv', 'm.csv: column 1 of the header has no name; name every column (pandas: to_csv(..., index=False))')
  })

  it('rejects a name given twice', () => {
    expectError('a,b,a\n1,2,3\n', 'm.csv', 'm.csv: metric "a" is given twice; give each metric its own name')
  })
})

describe('parseMetrics: CSV, rows of name,value', () => {
  it('reads rows under a name,value header', () => {
    const content = 'name,value\naccuracy,0.93\n"test, f1",0.91\n'
    expect(Object.entries(parseMetrics(content, 'm.csv').metrics)).toEqual([
      ['accuracy', 0.93],
      ['test, f1', 0.91]
    ])
  })

  it('takes a metric,value header in any case, CRLF and a byte order mark', () => {
    expect(parseMetrics('\uFEFFMetric , VALUE\r\nf1,0.5\r\nauc,0.75\r\n', 'm.csv').metrics).toEqual({ f1: 0.5, auc: 0.75 })
  })

  it('takes any other header as the wide form', () => {
    expect(parseMetrics('name,score\n1,2\n', 'm.csv').metrics).toEqual({ name: 1, score: 2 })
    expect(parseMetrics('name,value,extra\n1,2,3\n', 'm.csv').metrics).toEqual({ name: 1, value: 2, extra: 3 })
  })

  it('rejects a header without rows', () => {
    expectError('name,value\n', 'm.csv', 'm.csv: the CSV has a "name,value" header but no rows; add one row of name,value per metric')
  })

  it('rejects a row that is not name,value', () => {
    expectError(
      'metric,value\nf1,0.9\nloss,val,0.1\n',
      'm.csv',
      'm.csv: line 3 has 3 fields; under the "metric,value" header every row must be name,value (quote a name that contains a comma)'
    )
    expectError('name,value\nf1\n', 'm.csv', 'm.csv: line 2 has 1 field; under the "name,value" header every row must be name,value (quote a name that contains a comma)')
  })

  it('rejects a row without a name', () => {
    expectError('name,value\n,0.9\n', 'm.csv', 'm.csv: a metric name is empty (line 2); give every metric a name')
  })

  it('rejects a name given twice', () => {
    expectError('name,value\nf1,0.9\nf1,0.8\n', 'm.csv', 'm.csv: metric "f1" is given twice; give each metric its own name')
  })
})

describe('parseMetrics: CSV numbers', () => {
  it('reads plain decimal numbers', () => {
    expect(Object.values(parseMetrics('a,b,c,d,e,f\n1,-.5,+2.,1e-3,-4E+2,007\n', 'm.csv').metrics)).toEqual([1, -0.5, 2, 0.001, -400, 7])
  })

  it('skips empty and non-numeric cells with a reason, hex and separators included', () => {
    expect(parseMetrics('a,b,c,d,e,f\n1,,high,0x10,1_000,true\n', 'm.csv')).toEqual({
      metrics: { a: 1 },
      skipped: [
        { name: 'b', reason: 'an empty cell, not a number' },
        { name: 'c', reason: 'a string, not a number' },
        { name: 'd', reason: 'a string, not a number' },
        { name: 'e', reason: 'a string, not a number' },
        { name: 'f', reason: 'a string, not a number' }
      ]
    })
  })

  it.each([
    ['NaN', 'NaN'],
    ['nan', 'NaN'],
    ['Infinity', 'Infinity'],
    ['inf', 'Infinity'],
    ['+inf', 'Infinity'],
    ['-inf', '-Infinity'],
    ['-Infinity', '-Infinity'],
    ['1e400', 'Infinity']
  ])('rejects %s as %s', (cell, shown) => {
    expectError(`name,value\nf1,0.9\nloss,${cell}\n`, 'outputs/metrics.csv', `outputs/metrics.csv: metric "loss" is ${shown}; metrics must be finite numbers`)
  })

  it('rejects a file whose cells are all skipped', () => {
    expectError('a,b\nhigh,\n', 'm.csv', 'm.csv: no numeric metrics; skipped "a" (a string, not a number), "b" (an empty cell, not a number)')
  })
})

describe('parseMetrics: malformed CSV', () => {
  it('rejects a quoted field that is not closed, naming the line it starts on', () => {
    expectError('a,b\n1,"2\n3\n', 'm.csv', 'm.csv: line 2: a quoted field is not closed')
  })

  it('rejects text after a closing quote', () => {
    expectError('"a"b,c\n1,2\n', 'm.csv', 'm.csv: line 1: unexpected text after the closing quote of a field; write a quote inside a quoted field as ""')
  })
})

describe('parseMetrics: untrusted metric names', () => {
  it('keeps markup and quotes in names as given', () => {
    const name = '<img src=x onerror=alert(1)> | "`*'
    expect(parseMetrics(JSON.stringify({ [name]: 1 }), 'm.json').metrics).toEqual({ [name]: 1 })
  })

  it('accepts a name of 200 characters and rejects one of 201, shown cut to 60', () => {
    expect(Object.keys(parseMetrics(JSON.stringify({ ['a'.repeat(200)]: 1 }), 'm.json').metrics)).toEqual(['a'.repeat(200)])
    expectError(
      JSON.stringify({ ['a'.repeat(201)]: 1 }),
      'm.json',
      `m.json: metric name "${'a'.repeat(60)}…" is longer than 200 characters; use a shorter name`
    )
  })

  it('counts the flattened name, and stops deep nesting early', () => {
    expectError(
      JSON.stringify({ ['t'.repeat(150)]: { ['f'.repeat(50)]: 1 } }),
      'm.json',
      `m.json: metric name "${'t'.repeat(60)}…" is longer than 200 characters; use a shorter name`
    )
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)
    expect(errorFor(deep, 'm.json').message).toBe(`m.json: metric name "${'a.'.repeat(30)}…" is longer than 200 characters; use a shorter name`)
  })

  it('rejects control characters, showing the name JSON-escaped', () => {
    expectError('{"a\\tb": 1}', 'm.json', 'm.json: metric name "a\\tb" contains a control character (such as a newline or tab); use printable text')
    expectError('"a\nb",c\n1,2\n', 'm.csv', 'm.csv: metric name "a\\nb" contains a control character (such as a newline or tab); use printable text')
    expectError('{"x\\u2028y": 1}', 'm.json', 'm.json: metric name "x\\u2028y" contains a control character (such as a newline or tab); use printable text')
    expectError('{"a\\u009bb": "skipped"}', 'm.json', 'm.json: metric name "a\\u009bb" contains a control character (such as a newline or tab); use printable text')
  })
})

describe('parseMetrics: size limit', () => {
  const manyMetrics = (count: number): string => JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, index) => [`m${index}`, index])))

  it('accepts 10,000 metrics and rejects 10,001', () => {
    expect(Object.keys(parseMetrics(manyMetrics(10_000), 'm.json').metrics)).toHaveLength(10_000)
    expectError(manyMetrics(10_001), 'm.json', 'm.json: more than 10000 metrics; write at most 10000')
  })

  it('counts skipped values too, so warnings cannot run away either', () => {
    const names = ['a', ...Array.from({ length: 10_000 }, (_, index) => `s${index}`)]
    const values = ['1', ...names.slice(1).map(() => 'x')]
    expectError(`${names.join(',')}\n${values.join(',')}\n`, 'm.csv', 'm.csv: more than 10000 metrics; write at most 10000')
  })
})

describe('NaN and Infinity written by Python into a .json file', () => {
  it('names the metric rather than calling the file invalid JSON', () => {
    expect(() => parseMetrics('{"accuracy": 0.9, "loss": NaN}', 'outputs/metrics.json')).toThrow(
      'outputs/metrics.json: metric "loss" is NaN; metrics must be finite numbers'
    )
    expect(() => parseMetrics('{"test": {"rmse": -Infinity}}', 'outputs/metrics.json')).toThrow(
      'outputs/metrics.json: metric "rmse" is -Infinity; metrics must be finite numbers'
    )
  })

  it('does not mistake the text "NaN" inside a string for a value', () => {
    expect(() => parseMetrics('{"note": "NaN", "a": 1,}', 'm.json')).toThrow(/^m\.json: invalid JSON/)
  })
})
