import { describe, expect, test } from '@jest/globals'
import { parseModelOverrides, parseRepoConfig } from '../../src/core/config.js'
import { buildManifest, parseManifest, serializeManifest } from '../../src/core/manifest.js'
import type { ManifestInput } from '../../src/core/manifest.js'
import { environmentAlias, metricsToLog, mlflowName, promotionTags, trainingTags, versionHolding } from '../../src/core/mlflow.js'
import { metricsFromValues } from '../../src/core/metrics.js'
import { UserError } from '../../src/errors.js'

function errorOf(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    if (error instanceof UserError) return error.message
    throw error
  }
  throw new Error('no error')
}

describe("model-ci.yml's mlflow block", () => {
  test('absent, MLflow is off; `mlflow: {}` turns it on with the defaults of DESIGN.md section 9', () => {
    expect(parseRepoConfig('models: models/*\n').mlflow).toBeUndefined()
    expect(parseRepoConfig('mlflow: {}\n').mlflow).toEqual({ experiment: '{model}', registeredModel: '{model}', required: false })
  })

  test('every key set', () => {
    const config = parseRepoConfig('mlflow:\n  tracking-uri: https://mlflow.example.com/\n  experiment: "ci/{model}"\n  registered-model: "prod-{model}"\n  required: true\n')
    expect(config.mlflow).toEqual({ trackingUri: 'https://mlflow.example.com/', experiment: 'ci/{model}', registeredModel: 'prod-{model}', required: true })
  })

  test.each([
    ['mlflow: { experment: x }', 'model-ci.yml: unknown key "experment" in "mlflow"; allowed keys: tracking-uri, experiment, registered-model, required'],
    ['mlflow: { experiment: "{name}" }', 'model-ci.yml: "mlflow.experiment" must be a name in which {model} stands for the model\'s name, such as "{model}" or "ci/{model}", got "{name}"'],
    ['mlflow: { tracking-uri: "https://user:secret@mlflow.example.com" }', 'model-ci.yml: "mlflow.tracking-uri" must be an http:// or https:// URL without a user name or password (give those in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)'],
    ['mlflow: { tracking-uri: "databricks" }', 'model-ci.yml: "mlflow.tracking-uri" must be an http:// or https:// URL without a user name or password (give those in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD), got "databricks"'],
    ['mlflow: { required: "yes" }', 'model-ci.yml: "mlflow.required" must be true or false, got "yes"']
  ])('%s is refused in one line', (text, message) => {
    const error = errorOf(() => parseRepoConfig(text))
    expect(error.startsWith(message.replace(/, got .*$/, ''))).toBe(true)
    expect(error).not.toContain('secret')
    expect(error).not.toContain('\n')
  })

  test("model.yml's metrics-from takes file or mlflow", () => {
    expect(parseModelOverrides('metrics-from: mlflow\n', 'models/a/model.yml')).toEqual({ metricsFrom: 'mlflow' })
    expect(errorOf(() => parseModelOverrides('metrics-from: server\n', 'models/a/model.yml'))).toMatch(/^models\/a\/model\.yml: "metrics-from" must be file or mlflow/)
  })
})

const INPUT: ManifestInput = {
  model: 'fraud',
  fingerprint: `sha256:${'c'.repeat(64)}`,
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  event: 'push',
  runId: 812,
  runAttempt: 1,
  createdAt: new Date('2026-11-27T10:00:00Z'),
  metrics: { accuracy: 0.9 },
  files: [],
  python: '3.11.7',
  runnerOs: 'Linux',
  timings: { install_s: null, train_s: 1, evaluate_s: null },
  cache: { dependencies: 'none', run: 'miss' },
  failure: null
}

describe("the manifest's mlflow field", () => {
  test('the run, the reason it was skipped, or null round-trip; a manifest from before MLflow reads as it was', () => {
    for (const mlflow of [{ run_id: 'abc123', experiment_id: '4', url: 'https://mlflow.example.com/#/experiments/4/runs/abc123' }, { skipped: 'the server was unreachable' }, null]) {
      const text = serializeManifest(buildManifest({ ...INPUT, mlflow }))
      expect(JSON.parse(text).mlflow).toEqual(mlflow)
      expect(parseManifest(text, 'artifact').mlflow).toEqual(mlflow)
    }
    const older = JSON.parse(serializeManifest(buildManifest(INPUT))) as Record<string, unknown>
    delete older.mlflow
    expect(parseManifest(JSON.stringify(older), 'artifact').mlflow).toBeUndefined()
  })

  test.each([
    [{ run_id: 'abc', experiment_id: '1', url: 'javascript:alert(1)' }],
    [{ run_id: 'abc', experiment_id: '1', url: 'https://x.example/")](https://evil.example' }],
    [{ run_id: '../../etc', experiment_id: '1', url: 'https://x.example/' }],
    [{ run_id: 'abc', experiment_id: '1', url: 'https://x.example/', extra: 1 }]
  ])('an untrusted manifest with %j is refused', (mlflow) => {
    const text = JSON.stringify({ ...JSON.parse(serializeManifest(buildManifest(INPUT))), mlflow })
    expect(errorOf(() => parseManifest(text, 'artifact model-ci-fraud'))).toMatch(/^artifact model-ci-fraud: .*"mlflow/)
  })
})

describe('what model-ci writes into MLflow', () => {
  test('names from their templates', () => {
    expect(mlflowName('{model}', 'fraud')).toBe('fraud')
    expect(mlflowName('ci/{model}/{model}', 'fraud')).toBe('ci/fraud/fraud')
  })

  test("a training's tags, with the pull request and run page only when known", () => {
    const base = { model: 'fraud', version: 'v', fingerprint: 'f', sha: 's', ref: 'r', event: 'push' }
    expect(trainingTags(base)).toEqual({
      'model_ci.model': 'fraud',
      'model_ci.version': 'v',
      'model_ci.fingerprint': 'f',
      'model_ci.sha': 's',
      'model_ci.ref': 'r',
      'model_ci.event': 'push',
      'mlflow.source.git.commit': 's'
    })
    expect(trainingTags({ ...base, runUrl: 'https://github.com/o/r/actions/runs/1', pullRequest: 7 })).toMatchObject({ 'model_ci.run_url': 'https://github.com/o/r/actions/runs/1', 'model_ci.pull_request': '7' })
  })

  test('only the metrics the training did not log itself', () => {
    expect(metricsToLog({ accuracy: 0.9, loss: 0.1 }, { accuracy: 0.85 })).toEqual({ loss: 0.1 })
  })

  test.each([
    ['staging', 'staging'],
    ['production', 'production'],
    ['Prod EU', 'prod-eu'],
    ['latest', 'env-latest'],
    ['v2', 'env-v2']
  ])('environment %s has the alias %s', (environment, alias) => {
    expect(environmentAlias(environment)).toBe(alias)
  })

  test('a registered version holds a training when both its label and digest match', () => {
    const versions = [
      { version: '2', tags: promotionTags({ version: 'b', digest: 'sha256:2', deploymentId: 9 }) },
      { version: '1', tags: { 'model_ci.version': 'a', 'model_ci.digest': 'sha256:1' } }
    ]
    expect(versionHolding(versions, { version: 'a', digest: 'sha256:1' })?.version).toBe('1')
    expect(versionHolding(versions, { version: 'a', digest: 'sha256:2' })).toBeUndefined()
  })

  test("a run's metrics are held to a metrics file's rules", () => {
    expect(metricsFromValues({ accuracy: 0.9 }, 'MLflow run r').metrics).toEqual({ accuracy: 0.9 })
    expect(errorOf(() => metricsFromValues({ bad: Number.POSITIVE_INFINITY }, 'MLflow run r'))).toBe('MLflow run r: metric "bad" is Infinity; metrics must be finite numbers')
  })
})
