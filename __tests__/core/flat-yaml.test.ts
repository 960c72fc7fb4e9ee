import { describe, expect, it } from '@jest/globals'
import * as jsYaml from 'js-yaml'
import { readFlatYaml } from '../../src/core/config/flat-yaml.js'
import { loadYaml } from '../../src/core/config/yaml.js'

// The schema loadYaml gives js-yaml: YAML 1.2's core schema with merge keys.
const schema = jsYaml.CORE_SCHEMA.extend({ implicit: [(jsYaml as unknown as { types: { merge: jsYaml.Type } }).types.merge] })

/** What js-yaml makes of `text`, or the error it throws. */
function byJsYaml(text: string): { value: unknown } | { error: string } {
  try {
    return { value: jsYaml.load(text, { schema }) }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

// A small deterministic generator (mulberry32), so that a failure names a document that can be rerun.
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Pieces of lines: what model.yml files hold, and what YAML reads otherwise (types, quotes,
// indicators, comments without a space, tabs, odd indentation, duplicates).
const KEYS = ['name', 'runs-on', 'python', 'timeout-minutes', 'metrics', 'watch', 'train', 'a', 'x1', 'Name', '"quoted"', '<<', 'key with space', '-dash']
const VALUES = [
  'm0001', 'ubuntu-latest', 'python src/train.py --epochs 3', 'data/**', 'a - b', 'a  b', 'a #b', 'a#b', 'a: b', 'a:b', '30', '0', '007', '1e3', '3.11',
  '-5', '+5', '0x1F', '1_000', '.inf', '.NaN', 'true', 'True', 'TRUE', 'yes', 'no', 'on', 'null', 'Null', '~', '', '"quoted"', "'single'", '[accuracy]',
  '[accuracy, f1]', '[ ]', '[]', '[a,b]', '[a, ]', '[true]', '[1, 2]', '[a, [b]]', '{a: 1}', '|', '>', '&anchor x', '*alias', '!tag x', '@at', '`tick`',
  '%pct', 'x*', 'a=b+c@d', '*.py', '**/*.py', 'v1.2', 'É', 'a\tb', '12345678901234567890', 'e3', 'nulls', 'truthy', 'x ', 'x  '
]
const COMMENTS = ['', ' # comment', '  #', '#glued', ' #']
const INDENTS = ['', ' ', '  ', '    ']

function document(next: () => number): string {
  // Most often from the start of each list, where the plain pieces are, so that many documents are plain.
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() ** 2 * list.length)]
  const lines: string[] = []
  const count = 1 + Math.floor(next() * 6)
  for (let i = 0; i < count; i++) {
    const kind = next()
    if (kind < 0.1) lines.push(pick(['', '# a comment', '  # indented comment', '   ', '---', '...', '\t', '%YAML 1.2']))
    else if (kind < 0.3) {
      lines.push(`${pick(KEYS)}:${pick(COMMENTS)}`)
      const items = Math.floor(next() * 4)
      const indent = pick(INDENTS)
      for (let j = 0; j < items; j++) lines.push(`${next() < 0.9 ? indent : pick(INDENTS)}-${next() < 0.9 ? ' ' : '  '}${pick(VALUES)}${pick(COMMENTS)}`)
    } else lines.push(`${next() < 0.95 ? '' : pick(INDENTS)}${pick(KEYS)}:${next() < 0.9 ? ' ' : pick(['', '  ', '\t'])}${pick(VALUES)}${pick(COMMENTS)}`)
  }
  return lines.join(next() < 0.95 ? '\n' : '\r\n') + (next() < 0.7 ? '\n' : '')
}

describe('readFlatYaml', () => {
  it('reads the plain model.yml files of a monorepo', () => {
    expect(readFlatYaml('name: m0001\nmetrics: [accuracy]\n# changed on feature\n')).toEqual({ name: 'm0001', metrics: ['accuracy'] })
    expect(
      readFlatYaml('runs-on: ubuntu-latest\ntimeout-minutes: 30\ntrain: python src/train.py --epochs 3  # quick\nwatch:\n  - data/**\n  - shared/*.py\nignore:\n')
    ).toEqual({ 'runs-on': 'ubuntu-latest', 'timeout-minutes': 30, train: 'python src/train.py --epochs 3', watch: ['data/**', 'shared/*.py'], ignore: null })
  })

  it.each([
    ['a number that is not whole', 'python: 3.11\n'],
    ['a quoted string', 'python: "3.11"\n'],
    ['a boolean', 'cache: false\n'],
    ['a nested mapping', 'metrics:\n  accuracy: higher\n'],
    ['a duplicated key', 'name: a\nname: b\n'],
    ['a multi-line value', 'train: python a.py\n  --epochs 3\n'],
    ['carriage returns', 'name: a\r\n'],
    ['a comment glued to its value', 'name: a#b\n'],
    ['no mapping', '# only a comment\n']
  ])('leaves %s to js-yaml', (_what, text) => {
    expect(readFlatYaml(text)).toBeUndefined()
  })

  it('gives what js-yaml gives for every document it reads, and reads none that js-yaml refuses', () => {
    const next = random(11)
    let read = 0
    for (let i = 0; i < 20000; i++) {
      const text = document(next)
      const flat = readFlatYaml(text)
      if (flat === undefined) continue
      read++
      expect({ text, ...byJsYaml(text) }).toEqual({ text, value: flat })
    }
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(1000)
  })

  it('is what loadYaml returns for such a document', () => {
    expect(loadYaml('name: m0001\nmetrics: [accuracy]\n', 'models/m0001/model.yml')).toEqual({ name: 'm0001', metrics: ['accuracy'] })
    expect(() => loadYaml('name: a\nname: b\n', 'models/a/model.yml')).toThrow('models/a/model.yml: invalid YAML at line 2')
  })
})
