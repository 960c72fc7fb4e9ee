/**
 * What `model-ci run` says while a model trains, when its output is not a terminal (a CI log, a
 * pipe): one plain line per phase as the training enters it, from the training's own phase
 * boundaries, with the time since it started and the path of its log; no control sequences.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { git, makeTempDir, removeDir } from '../harness/git-repo.js'
import { requireTestPython } from '../harness/python.js'
import { bundledCli, commitTracked, editFile, modelCi, quickstartRepository } from './cli-process.js'

let temp: string
let repo: string
let python: string

beforeAll(async () => {
  bundledCli()
  python = requireTestPython()
  temp = makeTempDir('model-ci-cli-progress-')
  repo = await quickstartRepository(temp, 'models')
  // A requirements file (of nothing to download) gives churn a venv and a pip install.
  writeFileSync(join(repo, 'models', 'churn', 'requirements.txt'), '# nothing beyond the standard library\n')
  await git(repo, ['add', '-A'])
  await commitTracked(repo, 'churn: a requirements file')
})
afterAll(() => removeDir(temp))

test('a run into a pipe says each phase of each training as it starts, with the elapsed time and the log', async () => {
  const result = await modelCi(repo, ['run', '-j', '1', '--python', python])
  expect(result.exitCode).toBe(0)
  const churn = result.stdout.split('\n').filter((line) => /^ {2}[•✓✗] churn /.test(line))
  expect(churn).toEqual([
    '  • churn  started; log: .model-ci/logs/1/churn.log',
    expect.stringMatching(/^ {2}• churn {2}looking in the run-cache \(after \d+\.\d s\)$/),
    expect.stringMatching(/^ {2}• churn {2}setting up Python \(after \d+\.\d s\)$/),
    expect.stringMatching(/^ {2}• churn {2}installing the requirements \(after \d+\.\d s\)$/),
    expect.stringMatching(/^ {2}• churn {2}training \(after \d+\.\d s\)$/),
    expect.stringMatching(/^ {2}• churn {2}storing the artifact \(after \d+\.\d s\)$/),
    expect.stringMatching(/^ {2}✓ churn {2}done in \d+\.\d s \(run-cache miss\)$/)
  ])
  // fraud has no requirements file: no install phase.
  const fraud = result.stdout.split('\n').filter((line) => /^ {2}[•✓✗] fraud /.test(line)).map((line) => line.replace(/ \(after [^)]*\)$| in \d.*$/, ''))
  expect(fraud).toEqual(['  • fraud  started; log: .model-ci/logs/1/fraud.log', '  • fraud  looking in the run-cache', '  • fraud  setting up Python', '  • fraud  training', '  • fraud  storing the artifact', '  ✓ fraud  done'])
  // The log holds what the phases did; the terminal none of it, and no cursor moves.
  expect(result.stdout).not.toContain('Installing collected packages')
  expect(result.stdout + result.stderr).not.toContain('\x1b')
})

test('-v shows the whole output instead of the phase lines', async () => {
  editFile(repo, 'models/churn/src/train.py', (text) => `${text}\n# retrain\n`)
  await commitTracked(repo, 'churn: retrain')
  const result = await modelCi(repo, ['run', '-v', '--python', python])
  expect(result.exitCode).toBe(0)
  expect(result.stdout).toContain('[churn] ▸ Train churn: python src/train.py')
  expect(result.stdout).not.toMatch(/• churn {2}(setting up|installing|training)/)
})

test('train as a list of commands runs them in order, says each step, and a failing step is named in the failure', async () => {
  // The first step writes a file the second checks: they run in order, in the model's folder.
  const prepare = "import pathlib, sys; pathlib.Path('prepared.txt').write_text('ok'); sys.exit(int(sys.argv[1]))"
  editFile(repo, 'models/churn/model.yml', (text) => `${text}train:\n  - [python, -c, "${prepare}", "3"]\n  - [python, src/train.py]\n`)
  await commitTracked(repo, 'churn: a preparing step that fails')
  const failed = await modelCi(repo, ['run', '--python', python])
  expect(failed.exitCode).toBe(1)
  expect(failed.stdout).toMatch(/^ {2}• churn {2}training, step 1 of 2 \(python -c import pathlib.*\) \(after \d+\.\d s\)$/m)
  expect(failed.stdout).not.toMatch(/• churn {2}training, step 2 of 2/)
  expect(failed.stdout).toMatch(/^ {2}✗ churn {2}failed in the train phase after \d+\.\d s: step 1 of 2 \(python -c import pathlib, sys; .*\) did not succeed \(exit code 3\); log: \.model-ci\/logs\/\d+\/churn\.log$/m)

  editFile(repo, 'models/churn/model.yml', (text) => text.replace('"3"]', '"0"]').replace('[python, src/train.py]', '[python, -c, "import pathlib, runpy; assert pathlib.Path(\'prepared.txt\').read_text() == \'ok\'; runpy.run_path(\'src/train.py\')"]'))
  await commitTracked(repo, 'churn: the preparing step succeeds')
  const trained = await modelCi(repo, ['run', '--python', python])
  expect(trained.exitCode).toBe(0)
  const steps = trained.stdout.split('\n').filter((line) => /• churn {2}training/.test(line))
  expect(steps).toEqual([expect.stringMatching(/training, step 1 of 2 \(python -c import pathlib, sys;/), expect.stringMatching(/training, step 2 of 2 \(python -c import pathlib, runpy; assert/)])
  expect(trained.stdout).toMatch(/✓ churn {2}done in/)
})
