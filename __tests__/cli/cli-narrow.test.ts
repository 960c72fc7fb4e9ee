/**
 * The CLI's output at the widths it meets: a terminal that does not know its size (COLUMNS=0), a
 * pipe (no width), narrow and wide terminals (COLUMNS). A metric name is never cut: it wraps in its
 * cell, or each metric takes two lines when the columns do not fit; no command's output starts
 * with a blank line.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { makeTempDir, removeDir } from '../harness/git-repo.js'
import { bundledCli, modelCi, quickstartRepository } from './cli-process.js'

let temp: string
let repo: string

beforeAll(async () => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-narrow-')
  repo = await quickstartRepository(temp, 'models')
  const run = await modelCi(repo, ['run'])
  expect(run.exitCode).toBe(0)
  expect(run.stdout.startsWith('\n')).toBe(false)
})
afterAll(() => removeDir(temp))

const metricLines = (stdout: string) => {
  const lines = stdout.split('\n')
  const churn = lines.findIndex((line) => line.includes('churn — new model'))
  return lines.slice(churn + 2, lines.findIndex((line, i) => i > churn && line === ''))
}

test.each([['0'], [undefined]])('with no width known (COLUMNS=%s) the table has every name whole, on one line each', async (columns) => {
  const result = await modelCi(repo, ['report'], columns === undefined ? {} : { COLUMNS: columns })
  expect(result.exitCode).toBe(0)
  expect(result.stdout.startsWith('\n')).toBe(false)
  expect(result.stdout.split('\n')[0]).toBe('model-ci report — local')
  expect(metricLines(result.stdout)).toEqual([
    '  verdict  metric           base    head  change  % change',
    '  new      accuracy [gate]     —  0.9625       —         —',
    '  new      test.log_loss       —  0.1075       —         —'
  ])
})

test('a terminal a little narrower than the table wraps the names in their cell', async () => {
  const result = await modelCi(repo, ['report'], { COLUMNS: '57' })
  expect(result.stdout.startsWith('\n')).toBe(false)
  const lines = metricLines(result.stdout)
  expect(lines).toEqual([
    '  verdict  metric          base    head  change  % change',
    '  new      accuracy           —  0.9625       —         —',
    '           [gate]',
    '  new      test.log_loss      —  0.1075       —         —'
  ])
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(57)
})

test('a terminal too narrow for the columns lists each metric on two lines', async () => {
  const result = await modelCi(repo, ['report'], { COLUMNS: '40' })
  expect(metricLines(result.stdout)).toEqual(['  new accuracy [gate]', '    base —, head 0.9625, change —, % change —', '  new test.log_loss', '    base —, head 0.1075, change —, % change —'])
})

test.each([[['detect']], [['history', 'churn']], [['report', '--run', '1']]])('model-ci %j starts with its first line, not a blank one', async (args) => {
  const result = await modelCi(repo, args, { COLUMNS: '0' })
  expect(result.stdout).not.toBe('')
  expect(result.stdout.startsWith('\n')).toBe(false)
})
