import { readFileSync } from 'node:fs'
import { describe, expect, test } from '@jest/globals'
import type { ModelConfig, RepoConfig } from '../../src/core/config.js'
import {
  DEFAULT_REPO_CONFIG,
  MODEL_NAME_PATTERN,
  metricPolicyFor,
  parseModelOverrides,
  parseRepoConfig,
  parseTolerance,
  resolveModelConfig,
  splitShellWords,
  trainingConfigKey
} from '../../src/core/config.js'
import { jsonSchemaFiles, modelConfigJsonSchema, repoConfigJsonSchema } from '../../src/core/config/json-schema.js'
import { UserError } from '../../src/errors.js'

const MODEL_FILE = 'models/fraud/model.yml'
const FRAUD = { name: 'fraud', path: 'models/fraud' }

/** The UserError that `parse` throws; fails the test when it throws nothing or something else. */
function userErrorOf(parse: () => unknown): UserError {
  try {
    parse()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError, but parsing succeeded')
}

const repoError = (text: string) => userErrorOf(() => parseRepoConfig(text)).message
const modelError = (text: string) => userErrorOf(() => parseModelOverrides(text, MODEL_FILE)).message

function resolve(modelYml: string | undefined, repo: RepoConfig = parseRepoConfig(undefined), requirementsFound: string | undefined = undefined): ModelConfig {
  return resolveModelConfig(repo, FRAUD, parseModelOverrides(modelYml, MODEL_FILE), { requirementsFound })
}

describe('repository config defaults', () => {
  const defaults: RepoConfig = {
    models: ['models/*'],
    shared: [],
    ignore: [],
    defaults: { runsOn: 'ubuntu-latest', python: '3.11', timeoutMinutes: 60 },
    metrics: [],
    environments: ['staging', 'production'],
    autoEnvironments: [],
    promotion: { allowPullRequestSources: false, recordCreators: [] }
  }

  test.each([
    ['no file', undefined],
    ['an empty file', ''],
    ['a file with only comments', '# nothing configured yet\n\n   # really\n'],
    ['an explicit null document', '~\n']
  ])('%s gives the defaults', (_, text) => {
    expect(parseRepoConfig(text)).toEqual(defaults)
  })

  test('DEFAULT_REPO_CONFIG holds the defaults and cannot be changed', () => {
    expect(DEFAULT_REPO_CONFIG).toEqual(defaults)
    expect(() => DEFAULT_REPO_CONFIG.models.push('x')).toThrow(TypeError)
  })

  test('each parse returns its own copy of the defaults', () => {
    const first = parseRepoConfig(undefined)
    first.models.push('more/*')
    first.defaults.timeoutMinutes = 5
    expect(parseRepoConfig(undefined)).toEqual(defaults)
  })

  test('keys with an empty value keep their defaults', () => {
    expect(parseRepoConfig('models:\nshared:\ndefaults:\nmetrics:\nenvironments:\npromotion:\n')).toEqual(defaults)
    expect(parseRepoConfig('defaults:\n  python:\n')).toEqual(defaults)
  })
})

describe('repository config keys', () => {
  test('the example from the design parses, kebab-case keys camelCased', () => {
    const text = [
      'models: models/*                 # glob(s) of model directories',
      'shared: [scripts/**, data/processed/**]',
      'defaults: { runs-on: ubuntu-latest, python: "3.11", timeout-minutes: 60 }',
      'metrics:',
      '  accuracy: { goal: maximize, tolerance: 0.005, gate: true }',
      '  "*loss*": { goal: minimize, tolerance: 2% }',
      'environments: [staging, production]'
    ].join('\n')
    expect(parseRepoConfig(text)).toEqual({
      models: ['models/*'],
      shared: ['scripts/**', 'data/processed/**'],
      ignore: [],
      defaults: { runsOn: 'ubuntu-latest', python: '3.11', timeoutMinutes: 60 },
      metrics: [
        { pattern: 'accuracy', policy: { goal: 'maximize', tolerance: { kind: 'absolute', value: 0.005 }, gate: true } },
        { pattern: '*loss*', policy: { goal: 'minimize', tolerance: { kind: 'percent', value: 2 } } }
      ],
      environments: ['staging', 'production'],
      autoEnvironments: [],
      promotion: { allowPullRequestSources: false, recordCreators: [] }
    })
  })

  test('every key set to something other than its default', () => {
    const text = [
      'models: [ml/*, ./legacy/models/*/]',
      'shared: lib/**',
      'ignore: ["**/*.md", docs/**]',
      'defaults:',
      '  runs-on: [self-hosted, gpu]',
      '  python: "3.10"',
      '  timeout-minutes: 1.5',
      'metrics:',
      '  auc: { min: 0.5, max: 1 }',
      'environments: [dev, QA, prod]',
      'promotion:',
      '  allow-pull-request-sources: true',
      '  record-creators: ["deploy-app[bot]", mona]'
    ].join('\n')
    expect(parseRepoConfig(text, 'ci/model-ci.yml')).toEqual({
      models: ['ml/*', 'legacy/models/*'],
      shared: ['lib/**'],
      ignore: ['**/*.md', 'docs/**'],
      defaults: { runsOn: ['self-hosted', 'gpu'], python: '3.10', timeoutMinutes: 1.5 },
      metrics: [{ pattern: 'auc', policy: { min: 0.5, max: 1 } }],
      environments: ['dev', 'QA', 'prod'],
      autoEnvironments: [],
      promotion: { allowPullRequestSources: true, recordCreators: ['deploy-app[bot]', 'mona'] }
    })
  })

  test('keys left out of a mapping keep their defaults', () => {
    const config = parseRepoConfig('defaults: { python: "3.12" }\npromotion: {}\n')
    expect(config.defaults).toEqual({ runsOn: 'ubuntu-latest', python: '3.12', timeoutMinutes: 60 })
    expect(config.promotion).toEqual({ allowPullRequestSources: false, recordCreators: [] })
  })

  test('metrics as a list of names tracks them with the default policy', () => {
    expect(parseRepoConfig('metrics: [accuracy, "test.*"]\n').metrics).toEqual([
      { pattern: 'accuracy', policy: {} },
      { pattern: 'test.*', policy: {} }
    ])
  })

  test('a metric with an empty policy is tracked with the default policy, in file order', () => {
    expect(parseRepoConfig('metrics:\n  zeta:\n  alpha: {}\n  "*": { gate: true }\n').metrics).toEqual([
      { pattern: 'zeta', policy: {} },
      { pattern: 'alpha', policy: {} },
      { pattern: '*', policy: { gate: true } }
    ])
  })

  test('YAML anchors and merge keys share a policy', () => {
    const text = 'metrics:\n  accuracy: &strict { goal: maximize, gate: true }\n  f1: { <<: *strict, tolerance: 1% }\n'
    expect(parseRepoConfig(text).metrics).toEqual([
      { pattern: 'accuracy', policy: { goal: 'maximize', gate: true } },
      { pattern: 'f1', policy: { goal: 'maximize', gate: true, tolerance: { kind: 'percent', value: 1 } } }
    ])
  })

  test('a date-like value stays text', () => {
    expect(parseRepoConfig('environments: [2024-01-01]\n').environments).toEqual(['2024-01-01'])
  })
})

describe('repository config errors', () => {
  test.each([
    [
      'metircs: {}',
      'model-ci.yml: unknown key "metircs" at the top level; allowed keys: models, shared, ignore, defaults, metrics, environments, promotion, mlflow'
    ],
    [
      'models: a\nfoo: 1\nbar: 2',
      'model-ci.yml: unknown keys "foo", "bar" at the top level; allowed keys: models, shared, ignore, defaults, metrics, environments, promotion, mlflow'
    ],
    [
      'defaults: { runs_on: gpu }',
      'model-ci.yml: unknown key "runs_on" in "defaults"; allowed keys: runs-on, python, timeout-minutes'
    ],
    [
      'promotion: { allow-prs: true }',
      'model-ci.yml: unknown key "allow-prs" in "promotion"; allowed keys: allow-pull-request-sources, record-creators'
    ],
    [
      'metrics: { "*loss*": { gaol: minimize } }',
      'model-ci.yml: unknown key "gaol" in metrics["*loss*"]; allowed keys: goal, tolerance, gate, min, max'
    ],
    [
      'metrics: { accuracy: { pip-args: x } }',
      'model-ci.yml: unknown key "pip-args" in "metrics.accuracy"; allowed keys: goal, tolerance, gate, min, max'
    ],
    [
      '- models/*',
      'model-ci.yml: the top level must be a mapping (allowed keys: models, shared, ignore, defaults, metrics, environments, promotion, mlflow), got a list'
    ],
    [
      'just text',
      'model-ci.yml: the top level must be a mapping (allowed keys: models, shared, ignore, defaults, metrics, environments, promotion, mlflow), got "just text"'
    ],
    ['defaults: ubuntu', 'model-ci.yml: "defaults" must be a mapping (allowed keys: runs-on, python, timeout-minutes), got "ubuntu"'],
    ['promotion: true', 'model-ci.yml: "promotion" must be a mapping (allowed keys: allow-pull-request-sources, record-creators), got true'],
    [
      'promotion: { allow-pull-request-sources: yes }',
      'model-ci.yml: "promotion.allow-pull-request-sources" must be true or false, got "yes"'
    ],
    ['models: []', 'model-ci.yml: "models" must list at least one glob, got an empty list'],
    ['models: 5', 'model-ci.yml: "models" must be a glob relative to the folder of model-ci.yml, without "..", or a list of them, got 5'],
    ['models: ""', 'model-ci.yml: "models" must be a glob relative to the folder of model-ci.yml, without "..", got ""'],
    ['models: /srv/models/*', 'model-ci.yml: "models" must be a glob relative to the folder of model-ci.yml, without "..", got "/srv/models/*"'],
    ['models: [models/*, ../other/*]', 'model-ci.yml: "models[1]" must be a glob relative to the folder of model-ci.yml, without "..", got "../other/*"'],
    ['shared: [data/../../etc]', 'model-ci.yml: "shared[0]" must be a glob relative to the folder of model-ci.yml, without "..", got "data/../../etc"'],
    ['shared: { a: b }', 'model-ci.yml: "shared" must be a glob relative to the folder of model-ci.yml, without "..", or a list of them, got a mapping'],
    ['defaults: { runs-on: [] }', 'model-ci.yml: "defaults.runs-on" must list at least one runner label, got an empty list'],
    ['defaults: { runs-on: [linux, 64] }', 'model-ci.yml: "defaults.runs-on[1]" must be a runner label such as "ubuntu-latest", got 64'],
    [
      'defaults: { python: 3.10 }',
      'model-ci.yml: "defaults.python" must be a quoted version such as "3.10" (YAML reads an unquoted 3.10 as the number 3.1), got 3.1'
    ],
    ['defaults: { python: [3] }', 'model-ci.yml: "defaults.python" must be a Python version such as "3.11", got a list'],
    ['defaults: { timeout-minutes: ten }', 'model-ci.yml: "defaults.timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got "ten"'],
    ['defaults: { timeout-minutes: 0 }', 'model-ci.yml: "defaults.timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got 0'],
    ['defaults: { timeout-minutes: -0.5 }', 'model-ci.yml: "defaults.timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got -0.5'],
    ['defaults: { timeout-minutes: .inf }', 'model-ci.yml: "defaults.timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got Infinity'],
    ['metrics: accuracy', 'model-ci.yml: "metrics" must be a mapping of metric names or globs to policies, or a list of metric names, got "accuracy"'],
    ['metrics: [accuracy, 1]', 'model-ci.yml: "metrics[1]" must be a metric name or glob, such as accuracy or "*loss*", got 1'],
    ['metrics: { "": { gate: true } }', 'model-ci.yml: the key "" in "metrics" must be a metric name or glob, such as accuracy or "*loss*"'],
    ['metrics: { accuracy: fast }', 'model-ci.yml: "metrics.accuracy" must be a mapping (allowed keys: goal, tolerance, gate, min, max), got "fast"'],
    ['metrics: { "test.f1": { goal: max } }', 'model-ci.yml: metrics["test.f1"].goal must be maximize or minimize, got "max"'],
    [
      'metrics: { accuracy: { tolerance: -0.1 } }',
      'model-ci.yml: "metrics.accuracy.tolerance" must be a non-negative number or a percentage such as "2%", got -0.1'
    ],
    [
      'metrics: { accuracy: { tolerance: two percent } }',
      'model-ci.yml: "metrics.accuracy.tolerance" must be a non-negative number or a percentage such as "2%", got "two percent"'
    ],
    [
      'metrics: { accuracy: { tolerance: -2% } }',
      'model-ci.yml: "metrics.accuracy.tolerance" must be a non-negative number or a percentage such as "2%", got "-2%"'
    ],
    [
      'metrics: { accuracy: { tolerance: .inf } }',
      'model-ci.yml: "metrics.accuracy.tolerance" must be a non-negative number or a percentage such as "2%", got Infinity'
    ],
    ['metrics: { accuracy: { gate: 1 } }', 'model-ci.yml: "metrics.accuracy.gate" must be true or false, got 1'],
    ['metrics: { accuracy: { min: high } }', 'model-ci.yml: "metrics.accuracy.min" must be a number, got "high"'],
    ['metrics: { accuracy: { min: 0.9, max: 0.8 } }', 'model-ci.yml: "metrics.accuracy.min" must not be greater than "max" (0.8), got 0.9'],
    ['environments: production', 'model-ci.yml: "environments" must be a list of environment names, got "production"'],
    ['environments: []', 'model-ci.yml: "environments" must list at least one environment, got an empty list'],
    [
      'environments: [staging, prod/eu]',
      'model-ci.yml: "environments[1]" must be an environment name of 1 to 255 letters, digits, spaces, ".", "_" or "-", got "prod/eu"'
    ],
    [
      'environments: [staging, production, Staging]',
      'model-ci.yml: "environments[2]" repeats an earlier environment (GitHub ignores case in environment names), got "Staging"'
    ],
    [
      'environments: [{ name: staging, auto: true }, { name: Staging }]',
      'model-ci.yml: "environments[1]" repeats an earlier environment (GitHub ignores case in environment names), got a mapping'
    ],
    ['environments: [{ name: staging, auto: yes please }]', 'model-ci.yml: "environments[0].auto" must be true or false, got "yes please"'],
    ['environments: [{ auto: true }]', 'model-ci.yml: "environments[0].name" must be an environment name of 1 to 255 letters, digits, spaces, ".", "_" or "-", got an empty value'],
    [
      'environments: [{ name: staging, automatic: true }]',
      'model-ci.yml: unknown key "automatic" in "environments[0]"; allowed keys: name, auto'
    ],
    ['environments: [[staging]]', 'model-ci.yml: "environments[0]" must be an environment name, or a mapping such as { name: staging, auto: true }, got a list']
  ])('%s', (text, message) => {
    expect(repoError(text)).toBe(message)
  })

  test('an environment may be a mapping with auto: true; the names keep their order and only the marked ones are automatic', () => {
    const config = parseRepoConfig('environments: [{ name: staging, auto: true }, qa, { name: production, auto: false }, { name: canary, auto: true }]\n')
    expect(config.environments).toEqual(['staging', 'qa', 'production', 'canary'])
    expect(config.autoEnvironments).toEqual(['staging', 'canary'])
    expect(parseRepoConfig('environments: [{ name: staging }, production]\n').autoEnvironments).toEqual([])
  })

  test('the error names the config file it was given and carries it for the annotation', () => {
    const error = userErrorOf(() => parseRepoConfig('metircs: {}', '.github/model-ci.yml'))
    expect(error.message).toMatch(/^\.github\/model-ci\.yml: unknown key "metircs" at the top level;/)
    expect(error.file).toBe('.github/model-ci.yml')
  })

  test('a long value is shortened in the message, which stays on one line', () => {
    const message = repoError(`models: "/${'a'.repeat(200)}\\n${'b'.repeat(10)}"`)
    expect(message).toBe(`model-ci.yml: "models" must be a glob relative to the folder of model-ci.yml, without "..", got "/${'a'.repeat(79)}…"`)
  })
})

describe('YAML syntax errors', () => {
  test.each([
    ['models: [a\nshared: b', 'model-ci.yml: invalid YAML at line 2, column 1: missed comma between flow collection entries'],
    ['models: x\n  bad: indent', 'model-ci.yml: invalid YAML at line 2, column 6: bad indentation of a mapping entry'],
    ['models: a\nmodels: b', 'model-ci.yml: invalid YAML at line 2, column 1: duplicated mapping key'],
    ['defaults:\n  python: "3.11\n', 'model-ci.yml: invalid YAML at line 3, column 1: unexpected end of the stream within a double quoted scalar'],
    ['models: *nope', 'model-ci.yml: invalid YAML at line 1, column 14: unidentified alias "nope"'],
    ['models: a\n---\nmodels: b', 'model-ci.yml: invalid YAML: expected a single document in the stream, but found more']
  ])('%j', (text, message) => {
    expect(repoError(text)).toBe(message)
  })

  test('in a model.yml the error names that file', () => {
    const error = userErrorOf(() => parseModelOverrides('train: [python\n', MODEL_FILE))
    expect(error.message).toBe('models/fraud/model.yml: invalid YAML at line 2, column 1: unexpected end of the stream within a flow collection')
    expect(error.file).toBe(MODEL_FILE)
  })
})

describe('model.yml', () => {
  test('no file and an empty file override nothing', () => {
    expect(parseModelOverrides(undefined, MODEL_FILE)).toEqual({})
    expect(parseModelOverrides('# defaults are fine\n', MODEL_FILE)).toEqual({})
  })

  test('every key, camelCased', () => {
    const text = [
      'name: fraud',
      'train: python -m fraud.train --epochs 3',
      'evaluate: [python, src/eval.py, --split, test]',
      'requirements: ./requirements/train.txt',
      'output: build/model/',
      'metrics-file: build/report.yaml',
      'runs-on: gpu',
      'python: "3.12"',
      'timeout-minutes: 90',
      'metrics: { recall: { goal: maximize, gate: true } }',
      'watch: [data/fraud/**, libs/features/**]',
      'cache: false',
      'venv: false'
    ].join('\n')
    expect(parseModelOverrides(text, MODEL_FILE)).toEqual({
      name: 'fraud',
      train: [['python', '-m', 'fraud.train', '--epochs', '3']],
      evaluate: [['python', 'src/eval.py', '--split', 'test']],
      requirements: 'requirements/train.txt',
      output: 'build/model',
      metricsFile: 'build/report.yaml',
      runsOn: 'gpu',
      python: '3.12',
      timeoutMinutes: 90,
      metrics: [{ pattern: 'recall', policy: { goal: 'maximize', gate: true } }],
      watch: ['data/fraud/**', 'libs/features/**'],
      cache: false,
      venv: false
    })
  })

  test('the synthetic bench repos\' model.yml parses', () => {
    expect(parseModelOverrides('name: m0001\nmetrics: [accuracy]\n', 'models/m0001/model.yml')).toEqual({
      name: 'm0001',
      metrics: [{ pattern: 'accuracy', policy: {} }]
    })
  })

  test("a name that differs from the directory's parses and is returned as written", () => {
    // A renamed model directory often keeps its old name: key; the directory names the model.
    expect(parseModelOverrides('name: fraud-v1\npython: "3.12"\n', MODEL_FILE)).toEqual({ name: 'fraud-v1', python: '3.12' })
  })

  test('keys with an empty value are left out', () => {
    expect(parseModelOverrides('train:\nwatch:\ncache:\n', MODEL_FILE)).toEqual({})
  })

  test.each([
    [
      'trian: python x.py',
      'models/fraud/model.yml: unknown key "trian" at the top level; allowed keys: name, train, evaluate, monitor, monitor-data, requirements, output, metrics-file, runs-on, python, timeout-minutes, metrics, watch, ignore, cache, venv, metrics-from'
    ],
    [
      'pip-args: --no-index',
      'models/fraud/model.yml: unknown key "pip-args" at the top level; allowed keys: name, train, evaluate, monitor, monitor-data, requirements, output, metrics-file, runs-on, python, timeout-minutes, metrics, watch, ignore, cache, venv, metrics-from'
    ],
    [
      'metrics: { auc: { goal: maximize, gated: true } }',
      'models/fraud/model.yml: unknown key "gated" in "metrics.auc"; allowed keys: goal, tolerance, gate, min, max'
    ],
    [
      '[train]',
      'models/fraud/model.yml: the top level must be a mapping (allowed keys: name, train, evaluate, monitor, monitor-data, requirements, output, metrics-file, runs-on, python, timeout-minutes, metrics, watch, ignore, cache, venv, metrics-from), got a list'
    ],
    ['name: 7', 'models/fraud/model.yml: "name" must be the name of the model directory, got 7'],
    ['timeout-minutes: ten', 'models/fraud/model.yml: "timeout-minutes" must be a positive number of minutes, such as 30 or 0.5, got "ten"'],
    [
      'python: 3.10',
      'models/fraud/model.yml: "python" must be a quoted version such as "3.10" (YAML reads an unquoted 3.10 as the number 3.1), got 3.1'
    ],
    ['train: 42', 'models/fraud/model.yml: "train" must be a command (a string such as "python src/train.py", or a list of arguments) or a list of commands, each a list of arguments, got 42'],
    ['train: []', 'models/fraud/model.yml: "train" must list the program to run, got an empty list'],
    ['train: "   "', 'models/fraud/model.yml: "train" must name the program to run, got "   "'],
    [
      'train: [python, train.py, --epochs, 10]',
      'models/fraud/model.yml: "train[3]" must be quoted, such as "10", so that YAML keeps it as written, got 10'
    ],
    ['evaluate: [python, [a]]', 'models/fraud/model.yml: "evaluate[1]" must be text, got a list'],
    ['train: [[python, prepare.py], []]', 'models/fraud/model.yml: "train[1]" must list the program to run, got an empty list'],
    ['train: [[python, prepare.py], [python, 10]]', 'models/fraud/model.yml: "train[1][1]" must be quoted, such as "10", so that YAML keeps it as written, got 10'],
    ['train: "python \'src/train.py"', 'models/fraud/model.yml: "train" has an unterminated single quote, got "python \'src/train.py"'],
    ['evaluate: \'python "eval.py\'', 'models/fraud/model.yml: "evaluate" has an unterminated double quote, got "python \\"eval.py"'],
    ['train: python train.py \\', 'models/fraud/model.yml: "train" ends with a lone backslash, got "python train.py \\\\"'],
    [
      'train: python train.py | tee log.txt',
      'models/fraud/model.yml: "train" uses the shell operator "|", but model-ci runs commands without a shell; quote it to pass it literally, or move the pipeline into a script, got "python train.py | tee log.txt"'
    ],
    [
      'train: python train.py --out $MODEL_CI_OUTPUT_DIR',
      'models/fraud/model.yml: "train" refers to "$MODEL_CI_OUTPUT_DIR", which nothing expands: model-ci runs commands without a shell; read the variable from the environment in your script, or write \\$ to pass a literal "$", got "python train.py --out $MODEL_CI_OUTPUT_DIR"'
    ],
    [
      'output: ../shared-outputs',
      'models/fraud/model.yml: "output" must be a relative path inside the model directory, without "..", got "../shared-outputs"'
    ],
    [
      'requirements: /etc/requirements.txt',
      'models/fraud/model.yml: "requirements" must be a relative path inside the model directory, without "..", got "/etc/requirements.txt"'
    ],
    [
      'metrics-file: out/../../metrics.json',
      'models/fraud/model.yml: "metrics-file" must be a relative path inside the model directory, without "..", got "out/../../metrics.json"'
    ],
    [
      'metrics-file: C:\\metrics.json',
      'models/fraud/model.yml: "metrics-file" must be a relative path inside the model directory, without "..", got "C:\\\\metrics.json"'
    ],
    ['output: ""', 'models/fraud/model.yml: "output" must be a relative path inside the model directory, without "..", got ""'],
    ['output: ./', 'models/fraud/model.yml: "output" must be a folder inside the model directory, not the directory itself, got "./"'],
    ['watch: [data/**, ../../secrets/**]', 'models/fraud/model.yml: "watch[1]" must be a glob relative to the folder of model-ci.yml, without "..", got "../../secrets/**"'],
    ['watch: true', 'models/fraud/model.yml: "watch" must be a glob relative to the folder of model-ci.yml, without "..", or a list of them, got true'],
    ['cache: off', 'models/fraud/model.yml: "cache" must be true or false, got "off"'],
    ['venv: 0', 'models/fraud/model.yml: "venv" must be true or false, got 0'],
    ['runs-on: { group: gpus }', 'models/fraud/model.yml: "runs-on" must be a runner label such as "ubuntu-latest", or a list of labels, got a mapping']
  ])('%s', (text, message) => {
    expect(modelError(text)).toBe(message)
  })
})

describe('resolveModelConfig', () => {
  test('a model without model.yml gets the defaults', () => {
    expect(resolve(undefined)).toEqual({
      name: 'fraud',
      path: 'models/fraud',
      train: [['python', 'src/train.py']],
      output: 'outputs',
      metricsFile: 'outputs/metrics.json',
      runsOn: 'ubuntu-latest',
      python: '3.11',
      timeoutMinutes: 60,
      metrics: [],
      watch: [],
      cache: true,
      venv: true,
      monitorData: 'data/monitoring'
    })
  })

  test('the monitor command is model.yml\'s monitor, else its evaluate, else none; the monitoring data is data/monitoring unless monitor-data says', () => {
    expect(resolve('evaluate: python src/eval.py').monitor).toEqual([['python', 'src/eval.py']])
    expect(resolve('evaluate: python src/eval.py\nmonitor: [python, src/monitor.py, --window, 7d]').monitor).toEqual([['python', 'src/monitor.py', '--window', '7d']])
    expect(resolve('monitor: [[python, src/fetch_recent.py], [python, src/monitor.py]]').monitor).toEqual([
      ['python', 'src/fetch_recent.py'],
      ['python', 'src/monitor.py']
    ])
    expect(resolve(undefined).monitor).toBeUndefined()
    expect(resolve('monitor-data: ./data/recent/').monitorData).toBe('data/recent')
    expect(modelError('monitor-data: ../shared')).toBe('models/fraud/model.yml: "monitor-data" must be a relative path inside the model directory, without "..", got "../shared"')
  })

  test('src/requirements.txt is the requirements file when it exists', () => {
    expect(resolve(undefined, undefined, 'src/requirements.txt').requirements).toBe('src/requirements.txt')
    expect(resolve('requirements: reqs.txt', undefined, 'src/requirements.txt').requirements).toBe('reqs.txt')
    expect(resolve('requirements: reqs.txt', undefined, undefined).requirements).toBe('reqs.txt')
  })

  test('the repository defaults apply, and model.yml overrides them', () => {
    const repo = parseRepoConfig('defaults: { runs-on: [self-hosted, cpu], python: "3.9", timeout-minutes: 30 }')
    expect(resolve(undefined, repo)).toMatchObject({ runsOn: ['self-hosted', 'cpu'], python: '3.9', timeoutMinutes: 30 })
    expect(resolve('runs-on: gpu\npython: "3.12"\ntimeout-minutes: 120', repo)).toMatchObject({
      runsOn: 'gpu',
      python: '3.12',
      timeoutMinutes: 120
    })
  })

  test('the metrics file follows the output directory unless set', () => {
    expect(resolve('output: ./dist/')).toMatchObject({ output: 'dist', metricsFile: 'dist/metrics.json' })
    expect(resolve('output: dist\nmetrics-file: scores.csv')).toMatchObject({ output: 'dist', metricsFile: 'scores.csv' })
  })

  test("the model's metric rules come before the repository's", () => {
    const repo = parseRepoConfig('metrics: { accuracy: { gate: true }, "*": { tolerance: 1% } }')
    const config = resolve('metrics: { accuracy: { gate: false } }', repo)
    expect(config.metrics.map((rule) => rule.pattern)).toEqual(['accuracy', 'accuracy', '*'])
    expect(metricPolicyFor('accuracy', config.metrics)).toEqual({ gate: false })
    expect(metricPolicyFor('loss', config.metrics)).toEqual({ tolerance: { kind: 'percent', value: 1 } })
  })

  test('train and evaluate take a list of commands, each a list of arguments, run in order', () => {
    const overrides = parseModelOverrides('train:\n  - [python, prepare.py, --rows, "100"]\n  - [python, src/train.py]\nevaluate: [[python, eval.py]]', MODEL_FILE)
    expect(overrides).toEqual({ train: [['python', 'prepare.py', '--rows', '100'], ['python', 'src/train.py']], evaluate: [['python', 'eval.py']] })
    const config = resolveModelConfig(parseRepoConfig(''), FRAUD, overrides, { requirementsFound: undefined })
    expect(config.train).toEqual([['python', 'prepare.py', '--rows', '100'], ['python', 'src/train.py']])
    // One command in a list of one is that command: the same training, the same fingerprint.
    const one = (text: string) => trainingConfigKey(resolveModelConfig(parseRepoConfig(''), FRAUD, parseModelOverrides(text, MODEL_FILE), { requirementsFound: undefined }))
    expect(one('evaluate: [[python, eval.py]]')).toEqual(one('evaluate: python eval.py'))
    expect(one('train: [[python, src/train.py]]')).toEqual(one(''))
    expect(one('train: [[python, prepare.py], [python, src/train.py]]')).not.toEqual(one('train: python src/train.py'))
  })

  test('changing the resolved config changes neither the repository config nor the overrides', () => {
    const repo = parseRepoConfig('defaults: { runs-on: [a, b] }\nmetrics: [accuracy]')
    const overrides = parseModelOverrides('train: [python, t.py]\nwatch: [x/**]', MODEL_FILE)
    const config = resolveModelConfig(repo, FRAUD, overrides, { requirementsFound: undefined })
    const runsOn = config.runsOn as string[]
    runsOn.push('c')
    config.train[0].push('--fast')
    config.watch.push('y/**')
    config.metrics.push({ pattern: 'f1', policy: {} })
    expect(repo.defaults.runsOn).toEqual(['a', 'b'])
    expect(repo.metrics).toEqual([{ pattern: 'accuracy', policy: {} }])
    expect(overrides).toEqual({ train: [['python', 't.py']], watch: ['x/**'] })
  })
})

describe('trainingConfigKey', () => {
  test('is the resolved config without metric policies, keys sorted, as plain JSON', () => {
    const key = trainingConfigKey(resolve('evaluate: python eval.py\nmetrics: [accuracy]', undefined, 'src/requirements.txt'))
    expect(JSON.stringify(key)).toBe(
      JSON.stringify({
        cache: true,
        evaluate: ['python', 'eval.py'],
        metricsFile: 'outputs/metrics.json',
        name: 'fraud',
        output: 'outputs',
        path: 'models/fraud',
        python: '3.11',
        requirements: 'src/requirements.txt',
        runsOn: 'ubuntu-latest',
        timeoutMinutes: 60,
        train: ['python', 'src/train.py'],
        venv: true,
        watch: []
      })
    )
  })

  test('a metric policy does not change it; a training setting does', () => {
    const base = JSON.stringify(trainingConfigKey(resolve(undefined)))
    expect(JSON.stringify(trainingConfigKey(resolve('metrics: { accuracy: { gate: true } }')))).toBe(base)
    // Neither does how the live version is monitored.
    expect(JSON.stringify(trainingConfigKey(resolve('monitor: python src/monitor.py\nmonitor-data: data/recent')))).toBe(base)
    expect(JSON.stringify(trainingConfigKey(resolve('train: python src/train.py --seed 1')))).not.toBe(base)
    expect(JSON.stringify(trainingConfigKey(resolve('python: "3.12"')))).not.toBe(base)
  })

  test('how a value is written does not change it', () => {
    expect(trainingConfigKey(resolve('train: "python  src/train.py"\noutput: ./outputs/'))).toEqual(trainingConfigKey(resolve(undefined)))
  })
})

describe('splitShellWords', () => {
  test.each([
    ['python src/train.py', ['python', 'src/train.py']],
    ['  python\tsrc/train.py \n --epochs  3 ', ['python', 'src/train.py', '--epochs', '3']],
    ["python -c 'print(\"hi there\")'", ['python', '-c', 'print("hi there")']],
    ['python "my script.py" --name "a \\"quoted\\" word"', ['python', 'my script.py', '--name', 'a "quoted" word']],
    ['echo "back\\slash" \'single\\kept\'', ['echo', 'back\\slash', 'single\\kept']],
    ['echo a\\ b \\$HOME \\| \\"', ['echo', 'a b', '$HOME', '|', '"']],
    ['python train.py \\\n  --fast', ['python', 'train.py', '--fast']],
    ['python "a"\'b\'c', ['python', 'abc']],
    ["cmd '' \"\"", ['cmd', '', '']],
    ["echo '$HOME | `x`' \"cost: $ 5\" data/*.csv ~/x #1", ['echo', '$HOME | `x`', 'cost: $ 5', 'data/*.csv', '~/x', '#1']],
    ['', []],
    ['   ', []]
  ])('%j → %j', (line, words) => {
    expect(splitShellWords(line)).toEqual({ words })
  })

  test.each([
    ["python 'unterminated", 'has an unterminated single quote'],
    ['python "unterminated \\"', 'has an unterminated double quote'],
    ['python train.py \\', 'ends with a lone backslash'],
    ['python a.py && python b.py', 'uses the shell operator "&", but model-ci runs commands without a shell; quote it to pass it literally, or move the pipeline into a script'],
    ['python a.py > log', 'uses the shell operator ">", but model-ci runs commands without a shell; quote it to pass it literally, or move the pipeline into a script'],
    ['python a.py; echo done', 'uses the shell operator ";", but model-ci runs commands without a shell; quote it to pass it literally, or move the pipeline into a script'],
    ['python "$HOME/x"', 'refers to "$HOME", which nothing expands: model-ci runs commands without a shell; read the variable from the environment in your script, or write \\$ to pass a literal "$"'],
    ['python ${DATA}/x', 'refers to "${DATA}", which nothing expands: model-ci runs commands without a shell; read the variable from the environment in your script, or write \\$ to pass a literal "$"'],
    ['python $(pwd)', 'refers to "$(", which nothing expands: model-ci runs commands without a shell; read the variable from the environment in your script, or write \\$ to pass a literal "$"'],
    ['python `pwd`', 'uses a backquote command substitution, but model-ci runs commands without a shell; move it into a script, or write \\` to pass a literal backquote']
  ])('%j is an error', (line, error) => {
    expect(splitShellWords(line)).toEqual({ error })
  })
})

describe('parseTolerance', () => {
  test.each([
    ['2%', { kind: 'percent', value: 2 }],
    ['0.5 %', { kind: 'percent', value: 0.5 }],
    ['.5%', { kind: 'percent', value: 0.5 }],
    ['0%', { kind: 'percent', value: 0 }],
    [0.005, { kind: 'absolute', value: 0.005 }],
    [0, { kind: 'absolute', value: 0 }],
    [3, { kind: 'absolute', value: 3 }],
    ['0.01', { kind: 'absolute', value: 0.01 }]
  ])('%j', (value, tolerance) => {
    expect(parseTolerance(value, 'tolerance')).toEqual(tolerance)
  })

  test.each([
    [-0.1, '--tolerance must be a non-negative number or a percentage such as "2%", got -0.1'],
    ['-2%', '--tolerance must be a non-negative number or a percentage such as "2%", got "-2%"'],
    ['2%%', '--tolerance must be a non-negative number or a percentage such as "2%", got "2%%"'],
    ['abc', '--tolerance must be a non-negative number or a percentage such as "2%", got "abc"'],
    ['', '--tolerance must be a non-negative number or a percentage such as "2%", got ""'],
    [Number.NaN, '--tolerance must be a non-negative number or a percentage such as "2%", got NaN'],
    [Number.POSITIVE_INFINITY, '--tolerance must be a non-negative number or a percentage such as "2%", got Infinity']
  ])('%p is a UserError', (value, message) => {
    expect(userErrorOf(() => parseTolerance(value, '--tolerance')).message).toBe(message)
  })
})

describe('metricPolicyFor', () => {
  const rules = parseRepoConfig(
    [
      'metrics:',
      '  "*acc*": { goal: maximize, tolerance: 1% }',
      '  "test.*": { gate: true }',
      '  "*loss*": { goal: minimize }',
      '  accuracy: { tolerance: 0.005 }',
      '  "test.*.macro": { gate: false }'
    ].join('\n')
  ).metrics

  test('an exact name beats an earlier glob', () => {
    expect(metricPolicyFor('accuracy', rules)).toEqual({ tolerance: { kind: 'absolute', value: 0.005 } })
  })

  test('the first matching glob wins, and policies are not merged', () => {
    expect(metricPolicyFor('val_accuracy', rules)).toEqual({ goal: 'maximize', tolerance: { kind: 'percent', value: 1 } })
    expect(metricPolicyFor('test.f1.macro', rules)).toEqual({ gate: true })
  })

  test('dots in names are literal: "test.*" matches flattened names, not others', () => {
    expect(metricPolicyFor('test.f1', rules)).toEqual({ gate: true })
    expect(metricPolicyFor('testxf1', rules)).toEqual({})
  })

  test('"*" matches any text, slashes and leading dots included', () => {
    expect(metricPolicyFor('train/loss', rules)).toEqual({ goal: 'minimize' })
    expect(metricPolicyFor('.loss', rules)).toEqual({ goal: 'minimize' })
  })

  test('a name no rule matches has no policy', () => {
    expect(metricPolicyFor('latency_ms', rules)).toEqual({})
    expect(metricPolicyFor('accuracy', [])).toEqual({})
  })

  test('a name with glob characters is found by its exact rule', () => {
    const bracketed = parseRepoConfig('metrics: { "f1[macro]": { gate: true } }').metrics
    expect(metricPolicyFor('f1[macro]', bracketed)).toEqual({ gate: true })
  })
})

describe('MODEL_NAME_PATTERN', () => {
  test.each(['fraud', 'm0001', 'Churn_v2', 'a.b-c', '9lives', 'x'.repeat(100)])('%s is a model name', (name) => {
    expect(MODEL_NAME_PATTERN.test(name)).toBe(true)
  })

  test.each(['', '.hidden', '-dash', 'has space', 'ünï', 'x'.repeat(101)])('%j is not a model name', (name) => {
    expect(MODEL_NAME_PATTERN.test(name)).toBe(false)
  })
})

describe('JSON Schemas', () => {
  test('the committed schema files are what the definitions generate', () => {
    for (const { path, content } of jsonSchemaFiles()) {
      const committed = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
      // When this fails, regenerate: npm run schema (scripts/write-schema.mjs).
      expect(committed).toBe(content)
    }
  })

  test.each([
    ['model-ci.yml', repoConfigJsonSchema],
    ['model.yml', modelConfigJsonSchema]
  ])('the %s schema is draft-07, titled, and describes every property', (title, schemaOf) => {
    const schema = schemaOf() as { $schema: string; title: string; description: string }
    expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', title, additionalProperties: false })
    expect(schema.description.length).toBeGreaterThan(0)
    const undescribed: string[] = []
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties
      for (const [key, property] of Object.entries(properties ?? {})) {
        if (!property.description) undescribed.push(`${path}.${key}`)
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`)
    }
    visit(schema, '')
    expect(undescribed).toEqual([])
  })

  test('defaults are offered to editors', () => {
    const properties = (repoConfigJsonSchema() as { properties: Record<string, { default?: unknown }> }).properties
    expect(properties.models.default).toEqual(['models/*'])
    expect(properties.environments.default).toEqual(['staging', 'production'])
  })
})
