/**
 * A folder that looks like a model but is not (Python files, no model.yml nor src/train.py, in a
 * folder the `models` globs match) is noted by `model-ci detect` and `model-ci run`, so that a
 * forgotten model.yml is seen rather than the model silently never training.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { bundledCli, commitTracked, modelCi, quickstartRepository } from './cli-process.js'

let temp: string
let repo: string

beforeAll(async () => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-lookalikes-')
  repo = await quickstartRepository(temp, 'models')
  mkdirSync(join(repo, 'models', 'ranking', 'src'), { recursive: true })
  writeFileSync(join(repo, 'models', 'ranking', 'src', 'train_ranker.py'), 'print("ranking")\n')
  await git(repo, ['add', '-A'])
  await commitTracked(repo, 'ranking, without its model.yml')
})
afterAll(() => removeDir(temp))

const NOTE = 'Not a model: models/ranking holds Python files but neither model.yml nor src/train.py, though models matches it; add a model.yml to train it as a model.'

test('detect notes the folder that holds Python files but no model.yml', async () => {
  const result = await modelCi(repo, ['detect'])
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain('2 model(s) to train:')
  expect(result.stdout.split('\n')).toContain(NOTE)
})

test('once it has a model.yml it is a model, and the note is gone', async () => {
  writeFileSync(join(repo, 'models', 'ranking', 'model.yml'), 'train: [python, src/train_ranker.py]\n')
  await git(repo, ['add', '-A'])
  await commitTracked(repo, 'ranking: model.yml')
  const result = await modelCi(repo, ['detect'])
  expect(result.stdout).toMatch(/^ {2}ranking {2}models\/ranking$/m)
  expect(result.stdout).not.toContain('Not a model')
})
