// The metrics file a training writes (DESIGN.md section 3), parsed into flat metric names and
// numbers. Pure: the caller reads the file and passes its text. Every error is a UserError of one
// line that starts with the file name, because it becomes the failed model's annotation.
import { UserError } from '../errors.js'
import { loadYaml } from './config/yaml.js'
import { count } from './report/format.js'
import { MAX_METRICS, MAX_METRIC_NAME_LENGTH, isPlainObject } from './untrusted-record.js'
import { hasControlCharacter, parserMessage, showUntrusted } from './untrusted-text.js'

/** Flattened dotted metric names → finite numbers, in the order the file gives them. */
export type Metrics = Record<string, number>

export interface ParsedMetrics {
  metrics: Metrics
  /** Values that are not numbers, each to be shown as a warning naming the key. */
  skipped: Array<{ name: string; reason: string }>
}

// A file is held to the bounds of the records its metrics go into (MAX_METRICS and
// MAX_METRIC_NAME_LENGTH of the manifest, the ledger and the promotion), so a file that parses can
// be recorded, and a runaway file cannot blow up the report.
/** Code points of a metric name an error shows. */
const SHOWN_NAME_LENGTH = 60

const SUPPORTED_EXTENSIONS = '.json, .yaml, .yml or .csv'
const BYTE_ORDER_MARK = '\uFEFF'

/** Metrics files larger than this are refused rather than read (a training's own and a committed baseline alike). */
export const MAX_METRICS_FILE_BYTES = 16 * 1024 * 1024

type Format = 'json' | 'yaml' | 'csv'
const FORMAT_BY_EXTENSION: Record<string, Format> = { json: 'json', yaml: 'yaml', yml: 'yaml', csv: 'csv' }

export function parseMetrics(content: string, fileName: string): ParsedMetrics {
  const format = formatOf(fileName)
  const text = content.startsWith(BYTE_ORDER_MARK) ? content.slice(1) : content
  if (text.trim() === '') throw fail(fileName, 'the metrics file is empty; write at least one metric')

  const collector = new MetricsCollector(fileName, format)
  if (format === 'csv') {
    collectCsv(collector, text, fileName)
  } else {
    const document = format === 'json' ? loadJson(text, fileName) : loadYaml(text, fileName)
    flattenInto(collector, documentMapping(document, format, fileName), undefined)
  }
  return collector.result()
}

/**
 * Metrics that arrive as numbers by name rather than in a file (an MLflow run's), held to the
 * same rules as a metrics file's; `source` starts every error.
 */
export function metricsFromValues(values: Readonly<Record<string, number>>, source: string): ParsedMetrics {
  const collector = new MetricsCollector(source, 'json')
  for (const [name, value] of Object.entries(values)) {
    if (name === '') collector.rejectEmptyName('')
    collector.checkName(name)
    collector.add(name, value)
  }
  return collector.result()
}

function fail(file: string, message: string): UserError {
  return new UserError(`${file}: ${message}`, { file })
}

function formatOf(fileName: string): Format {
  const baseName = fileName.split(/[/\\]/).pop() ?? fileName
  const dot = baseName.lastIndexOf('.')
  if (dot <= 0) throw fail(fileName, `the metrics file has no extension; use ${SUPPORTED_EXTENSIONS}`)
  const extension = baseName.slice(dot + 1)
  const format = FORMAT_BY_EXTENSION[extension.toLowerCase()]
  if (format === undefined) throw fail(fileName, `unsupported metrics file extension ${JSON.stringify(`.${extension}`)}; use ${SUPPORTED_EXTENSIONS}`)
  return format
}

function loadJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error
    const nonFinite = bareNonFinite(text)
    if (nonFinite) {
      // Python's json.dump writes float('nan') as a bare NaN, which is not JSON; say what it means.
      const which = nonFinite.key === undefined ? 'a metric' : `metric ${showName(nonFinite.key)}`
      throw fail(file, `${which} is ${nonFinite.token}; metrics must be finite numbers`)
    }
    throw fail(file, `invalid JSON: ${parserMessage(error.message)}${jsonErrorLocation(error.message, text)}`)
  }
}

/** The first bare NaN or ±Infinity outside a string, with the key it is the value of. */
function bareNonFinite(text: string): { token: string; key?: string } | undefined {
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const character = text[i]
    if (inString) {
      if (character === '\\') i++
      else if (character === '"') inString = false
      continue
    }
    if (character === '"') {
      inString = true
      continue
    }
    const token = ['NaN', 'Infinity', '-Infinity'].find((word) => text.startsWith(word, i))
    if (token) {
      const key = /"((?:[^"\\]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, i - 1000), i))?.[1]
      return { token, key: key === undefined ? undefined : JSON.parse(`"${key}"`) }
    }
  }
  return undefined
}

/** Node 20's V8 gives an offset ("at position 12"); people look for a line and column. */
function jsonErrorLocation(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message)
  // Newer V8 adds "(line 2 column 5)" itself.
  if (position === null || /\bline \d+/.test(message)) return ''
  const before = text.slice(0, Number(position[1]))
  const line = before.split(/\r\n|\r|\n/).length
  const column = before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'))
  return ` (line ${line}, column ${column})`
}

function documentMapping(document: unknown, format: 'json' | 'yaml', file: string): Record<string, unknown> {
  if (isPlainObject(document)) return document
  // A YAML file of comments only loads as null: for the user it is an empty file.
  if (format === 'yaml' && document === null) throw fail(file, 'the metrics file has no YAML document; write at least one metric')
  const expected = format === 'json' ? 'a JSON object' : 'a YAML mapping'
  throw fail(file, `the metrics must be ${expected} of metric names to numbers, not ${kindOf(document)}`)
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value (null)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `a ${typeof value}`
}

/** Nested mappings become dotted names (`test.f1`); a key that has a dot itself stays as is. */
function flattenInto(collector: MetricsCollector, mapping: Record<string, unknown>, prefix: string | undefined): void {
  const keys = Object.keys(mapping)
  if (keys.length === 0 && prefix !== undefined) collector.skip(prefix, 'an empty mapping, not a number')
  for (const key of keys) {
    if (key === '') collector.rejectEmptyName(prefix === undefined ? '' : ` (a key under ${showName(prefix)})`)
    const name = prefix === undefined ? key : `${prefix}.${key}`
    const value = mapping[key]
    if (!isPlainObject(value)) {
      collector.add(name, value)
      continue
    }
    // Checked before descending: names grow with depth, so this also bounds the recursion.
    collector.checkName(name)
    flattenInto(collector, value, name)
  }
}

/** A name as an error shows it: JSON-escaped, so no control character or quote survives, and short. */
function showName(name: string): string {
  return showUntrusted(name, SHOWN_NAME_LENGTH)
}

/** Why a value that is not a number is skipped, as the warning will say it. */
function skipReason(value: unknown): string {
  if (typeof value === 'string') return 'a string, not a number'
  if (typeof value === 'boolean') return 'a boolean, not a number'
  return `${kindOf(value)}, not a number`
}

/** Gathers metrics and skipped values in file order and enforces the rules every format shares. */
class MetricsCollector {
  private readonly entries: Array<[string, number]> = []
  private readonly skipped: Array<{ name: string; reason: string }> = []
  private readonly seen = new Set<string>()
  private readonly file: string
  private readonly format: Format

  constructor(file: string, format: Format) {
    this.file = file
    this.format = format
  }

  checkName(name: string): void {
    if (name.length > MAX_METRIC_NAME_LENGTH) {
      throw fail(this.file, `metric name ${showName(name)} is longer than ${MAX_METRIC_NAME_LENGTH} characters; use a shorter name`)
    }
    if (hasControlCharacter(name)) {
      throw fail(this.file, `metric name ${showName(name)} contains a control character (such as a newline or tab); use printable text`)
    }
  }

  rejectEmptyName(where: string): never {
    throw fail(this.file, `a metric name is empty${where}; give every metric a name`)
  }

  add(name: string, value: unknown): void {
    this.claim(name)
    if (typeof value !== 'number') {
      this.skipped.push({ name, reason: skipReason(value) })
      return
    }
    if (!Number.isFinite(value)) {
      // JSON overflows such as 1e400 arrive here as Infinity too.
      throw fail(this.file, `metric ${showName(name)} is ${String(value)}; metrics must be finite numbers`)
    }
    this.entries.push([name, value])
  }

  skip(name: string, reason: string): void {
    this.claim(name)
    this.skipped.push({ name, reason })
  }

  result(): ParsedMetrics {
    if (this.entries.length === 0) throw fail(this.file, `no numeric metrics; ${this.describeSkipped()}`)
    // fromEntries defines properties, so a metric called "__proto__" is kept as a metric.
    return { metrics: Object.fromEntries(this.entries), skipped: this.skipped }
  }

  private claim(name: string): void {
    this.checkName(name)
    if (this.seen.has(name)) {
      const hint = this.format === 'csv' ? '' : ' (nested keys are joined with ".")'
      throw fail(this.file, `metric ${showName(name)} is given twice${hint}; give each metric its own name`)
    }
    this.seen.add(name)
    if (this.seen.size > MAX_METRICS) throw fail(this.file, `more than ${MAX_METRICS} metrics; write at most ${MAX_METRICS}`)
  }

  private describeSkipped(): string {
    if (this.skipped.length === 0) return 'the file holds no values'
    const shown = this.skipped.slice(0, 3).map(({ name, reason }) => `${showName(name)} (${reason})`)
    const more = this.skipped.length > shown.length ? ` and ${this.skipped.length - shown.length} more` : ''
    return `skipped ${shown.join(', ')}${more}`
  }
}

interface CsvRecord {
  /** The line the record starts on (a quoted field can span lines). */
  line: number
  /** Cells with the quotes removed and surrounding whitespace trimmed. */
  cells: string[]
}

/** RFC 4180 records: quoted fields with doubled quotes, commas and newlines inside; CRLF, LF or CR. */
function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let index = 0
  let line = 1

  const atLineBreak = (): boolean => text[index] === '\n' || text[index] === '\r'
  const skipLineBreak = (): void => {
    index += text.startsWith('\r\n', index) ? 2 : 1
    line++
  }
  const skipBlanks = (): void => {
    while (text[index] === ' ' || text[index] === '\t') index++
  }

  const readQuotedField = (): string => {
    const startLine = line
    let value = ''
    index++ // the opening quote
    for (;;) {
      if (index >= text.length) throw fail(file, `line ${startLine}: a quoted field is not closed`)
      if (text[index] === '"') {
        if (text[index + 1] !== '"') break
        value += '"'
        index += 2
      } else if (atLineBreak()) {
        value += text.startsWith('\r\n', index) ? '\r\n' : text[index]
        skipLineBreak()
      } else {
        value += text[index++]
      }
    }
    index++ // the closing quote
    skipBlanks()
    if (index < text.length && text[index] !== ',' && !atLineBreak()) {
      throw fail(file, `line ${line}: unexpected text after the closing quote of a field; write a quote inside a quoted field as ""`)
    }
    return value
  }

  const readUnquotedField = (): string => {
    const start = index
    while (index < text.length && text[index] !== ',' && !atLineBreak()) index++
    return text.slice(start, index)
  }

  while (index < text.length) {
    const record: CsvRecord = { line, cells: [] }
    for (;;) {
      skipBlanks()
      record.cells.push((text[index] === '"' ? readQuotedField() : readUnquotedField()).trim())
      if (text[index] !== ',') break
      index++
    }
    if (index < text.length) skipLineBreak()
    records.push(record)
  }
  return records
}

const LONG_FORM_NAME_HEADERS = new Set(['name', 'metric'])

function isLongFormHeader(cells: string[]): boolean {
  return cells.length === 2 && LONG_FORM_NAME_HEADERS.has(cells[0].toLowerCase()) && cells[1].toLowerCase() === 'value'
}

function collectCsv(collector: MetricsCollector, text: string, file: string): void {
  // Blank lines (and rows of nothing but commas) carry nothing: leave them out.
  const records = parseCsvRecords(text, file).filter((record) => record.cells.some((cell) => cell !== ''))
  if (records.length === 0) throw fail(file, 'the metrics file is empty; write at least one metric')
  const [header, ...rows] = records
  if (isLongFormHeader(header.cells)) collectLongFormCsv(collector, header, rows, file)
  else collectWideFormCsv(collector, header, rows, file)
}

/** Rows of name,value under a `name,value` (or `metric,value`) header. */
function collectLongFormCsv(collector: MetricsCollector, header: CsvRecord, rows: CsvRecord[], file: string): void {
  const headerText = JSON.stringify(header.cells.join(','))
  if (rows.length === 0) throw fail(file, `the CSV has a ${headerText} header but no rows; add one row of name,value per metric`)
  for (const row of rows) {
    if (row.cells.length !== 2) {
      throw fail(file, `line ${row.line} has ${count(row.cells.length, 'field')}; under the ${headerText} header every row must be name,value (quote a name that contains a comma)`)
    }
    const [name, cell] = row.cells
    if (name === '') collector.rejectEmptyName(` (line ${row.line})`)
    addCsvCell(collector, name, cell)
  }
}

/** A header row of metric names over exactly one row of values. */
function collectWideFormCsv(collector: MetricsCollector, header: CsvRecord, rows: CsvRecord[], file: string): void {
  const twoForms = 'write one row of values under a header of metric names, or rows of name,value under a "name,value" header'
  if (rows.length === 0) throw fail(file, `the CSV has a header but no row of values; ${twoForms}`)
  if (rows.length > 1) throw fail(file, `the CSV has ${rows.length} rows of values under its header; ${twoForms}`)
  const [values] = rows
  if (values.cells.length !== header.cells.length) {
    throw fail(file, `line ${values.line} has ${count(values.cells.length, 'value')} but the header on line ${header.line} has ${count(header.cells.length, 'name')}; give each metric one value`)
  }
  header.cells.forEach((name, column) => {
    const cell = values.cells[column]
    if (name === '' && cell === '') return // a trailing comma on both lines
    if (name === '') {
      // pandas writes its row index this way unless told `index=False`.
      throw fail(file, `column ${column + 1} of the header has no name; name every column (pandas: to_csv(..., index=False))`)
    }
    addCsvCell(collector, name, cell)
  })
}

const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const NON_FINITE_WORD = /^([+-]?)(nan|inf|infinity)$/i

/** CSV cells are all text: only a plain decimal number counts, never hex or `1_000`. */
function addCsvCell(collector: MetricsCollector, name: string, cell: string): void {
  if (cell === '') return collector.skip(name, 'an empty cell, not a number')
  const nonFinite = NON_FINITE_WORD.exec(cell)
  if (nonFinite !== null) {
    // What Python and pandas write for float('nan') and float('inf'): an error, not a string to skip.
    const [, sign, word] = nonFinite
    return collector.add(name, word.toLowerCase() === 'nan' ? NaN : sign === '-' ? -Infinity : Infinity)
  }
  collector.add(name, DECIMAL_NUMBER.test(cell) ? Number(cell) : cell)
}
