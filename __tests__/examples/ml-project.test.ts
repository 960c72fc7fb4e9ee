// The scikit-learn example (examples/ml-project) is what the end-to-end suite and a newcomer run: its own
// Python tests must pass with the interpreter CI trains with, and its config must be what model-ci reads
// the way the README describes it. Training it through model-ci is the end-to-end suite's job.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { metricPolicyFor, parseModelOverrides, parseRepoConfig, resolveModelConfig } from '../../src/core/config.js'
import type { ModelConfig, RepoConfig } from '../../src/core/config.js'
import { TEST_PYTHON, requireTestPython } from '../harness/python.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const project = join(repoRoot, 'examples', 'ml-project')
describe("the example's Python tests", () => {
  beforeAll(() => {
    requireTestPython()
  })

  // Unit, integration (train, predict, deploy) and performance tests; about 40 s alone, more on a busy machine.
  test(
    'pass with the test venv: python -m unittest discover',
    () => {
      const run = spawnSync(TEST_PYTHON, ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], {
        cwd: project,
        encoding: 'utf8',
        timeout: 280_000,
        // Bytecode would be left in the example's folders.
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' }
      })
      const output = `${run.stdout}\n${run.stderr}`
      expect({ status: run.status, signal: run.signal, output }).toEqual(expect.objectContaining({ status: 0, signal: null }))
      const ran = /^Ran (\d+) tests? in /m.exec(run.stderr)
      expect(Number(ran?.[1] ?? 0)).toBeGreaterThanOrEqual(40)
      expect(run.stderr).toMatch(/^OK$/m)
    },
    300_000
  )
})

describe("the example's model-ci.yml and model.yml files", () => {
  const read = (path: string) => readFileSync(join(project, path), 'utf8')
  const repo: RepoConfig = parseRepoConfig(read('model-ci.yml'), 'examples/ml-project/model-ci.yml')
  const modelNames = readdirSync(join(project, 'models')).sort()
  const configOf = (name: string): ModelConfig => {
    const modelYml = `models/${name}/model.yml`
    const overrides = parseModelOverrides(existsSync(join(project, modelYml)) ? read(modelYml) : undefined, modelYml)
    return resolveModelConfig(repo, { name, path: `models/${name}` }, overrides, {
      requirementsFound: existsSync(join(project, 'models', name, 'src', 'requirements.txt')) ? 'src/requirements.txt' : undefined
    })
  }

  test('parse into the settings the README describes', () => {
    expect(repo).toEqual({
      models: ['models/*'],
      shared: ['scripts/**', 'data/processed/**'],
      ignore: [],
      defaults: { runsOn: 'ubuntu-latest', python: '3.11', timeoutMinutes: 15 },
      metrics: [
        { pattern: 'accuracy', policy: { goal: 'maximize', tolerance: { kind: 'absolute', value: 0.01 }, gate: true } },
        { pattern: '*loss*', policy: { goal: 'minimize', tolerance: { kind: 'percent', value: 2 } } }
      ],
      environments: ['staging', 'production'],
      autoEnvironments: ['staging'],
      promotion: { allowPullRequestSources: false, recordCreators: [] }
    })
  })

  test('the two models train with the default command and their requirements; fraud adds the shared evaluation', () => {
    expect(modelNames).toEqual(['churn', 'fraud'])
    const churn = configOf('churn')
    const fraud = configOf('fraud')
    for (const config of [churn, fraud]) {
      expect(config).toEqual(
        expect.objectContaining({ train: [['python', 'src/train.py']], requirements: 'src/requirements.txt', output: 'outputs', metricsFile: 'outputs/metrics.json', python: '3.11' })
      )
      expect(existsSync(join(project, config.path, 'src', 'train.py'))).toBe(true)
      expect(existsSync(join(project, config.path, 'src', 'predict.py'))).toBe(true)
    }
    expect(churn.evaluate).toBeUndefined()
    expect(fraud.evaluate).toEqual([['python', '../../scripts/model_evaluation/evaluate_model.py']])
    expect(existsSync(join(project, fraud.path, ...fraud.evaluate![0].slice(1)))).toBe(true)
  })

  test('both models are monitored by the shared monitor script, naming the metrics to watch, on the recent cases in data/monitoring', () => {
    for (const name of modelNames) {
      const config = configOf(name)
      expect(config.monitor).toHaveLength(1)
      const [monitor] = config.monitor!
      expect(monitor.slice(0, 2)).toEqual(['python', '../../scripts/model_evaluation/monitor_model.py'])
      expect(monitor.slice(2)).toContain('accuracy')
      expect(existsSync(join(project, config.path, monitor[1]))).toBe(true)
      expect(config.monitorData).toBe('data/monitoring')
      expect(read(`models/${name}/data/monitoring/recent.csv`).split('\n')[0]).toBe(read(`models/${name}/data/testing_data/test.csv`).split('\n')[0])
    }
    // The drifted set is churn's recent cases with a feature shifted, the same columns.
    expect(read('drift/churn/recent.csv').split('\n')[0]).toBe(read('models/churn/data/monitoring/recent.csv').split('\n')[0])
  })

  test("fraud's own recall gate comes before the repository's rules; accuracy and losses follow the repository's", () => {
    const fraud = configOf('fraud')
    expect(metricPolicyFor('recall', fraud.metrics)).toEqual({ goal: 'maximize', tolerance: { kind: 'absolute', value: 0.05 }, gate: true })
    expect(metricPolicyFor('accuracy', fraud.metrics).gate).toBe(true)
    expect(metricPolicyFor('train.log_loss', configOf('churn').metrics)).toEqual({ goal: 'minimize', tolerance: { kind: 'percent', value: 2 } })
  })

  test('the requirements name the libraries the code imports, unpinned so that installed ones satisfy them offline', () => {
    for (const name of modelNames) {
      const requirements = read(`models/${name}/src/requirements.txt`)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'))
      expect(requirements.sort()).toEqual(['numpy', 'pandas', 'scikit-learn'])
    }
  })
})
