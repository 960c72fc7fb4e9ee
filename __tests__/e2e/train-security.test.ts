// What `train` does with what it must not trust or must not leak: names a user wrote (model,
// metric, log lines) reach the job summary only escaped; the job's token and the runtime token
// never appear in the log; the training process gets neither the action's inputs nor its tokens.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TrainJob, TrainSuite } from './train-helpers.js'
import { cleanCheckout, commitFiles, expectFailedIn, expectTrained, runTrain, startTrainSuite } from './train-helpers.js'

const HOSTILE_METRICS = {
  '<img src=x onerror=alert(1)>': 0.5,
  '**bold** [link](https://evil.example)': 0.25,
  'a|b': 1,
  '`tick`': 2,
  '@mona': 3,
  nested: { '<script>alert(1)</script>': 'not a number' }
}

// Dumps its environment (names and values) as JSON to ENV_DUMP, then writes the hostile metrics.
const DUMPING_TRAIN_PY = `import json, os
json.dump(dict(os.environ), open(os.environ["ENV_DUMP"], "w"))
json.dump(${JSON.stringify(HOSTILE_METRICS)}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
`

// A failing training whose last log lines try to close the summary's code fence and its <details>.
const BREAKOUT_TRAIN_PY = `import sys
print("\`\`\`")
print("</details>")
print("<img src=x onerror=alert(1)> **not bold**")
sys.exit(1)
`

// Metrics whose NaN error message quotes a metric name with HTML in it.
const HOSTILE_NAN_TRAIN_PY = `import os
open(os.environ["MODEL_CI_METRICS_FILE"], "w").write("accuracy: 0.5\\n'<b>loss</b>': .nan\\n")
`

// Reads what /proc shows of its own environment and of each process above it (model-ci first),
// as any process of the runner's user can, and writes it all to PROC_DUMP.
const PRYING_TRAIN_PY = `import json, os
def read(pid, name):
    try:
        with open(f"/proc/{pid}/{name}", "rb") as file:
            return file.read().decode("utf-8", "replace")
    except OSError as error:
        return f"unreadable: {error}"
def parent_of(pid):
    stat = read(pid, "stat")
    return int(stat[stat.rindex(")") + 2:].split()[1]) if ")" in stat else 0
ancestors = []
pid = os.getppid()
while pid > 1 and len(ancestors) < 8:
    ancestors.append({"pid": pid, "cmdline": read(pid, "cmdline").replace("\\0", " "), "environ": read(pid, "environ")})
    pid = parent_of(pid)
json.dump({"own": read("self", "environ"), "ancestors": ancestors}, open(os.environ["PROC_DUMP"], "w"))
json.dump({"accuracy": 1}, open(os.environ["MODEL_CI_METRICS_FILE"], "w"))
`

const ID_TOKEN_REQUEST_TOKEN = 'oidc-request-token-that-must-not-leak'

let suite: TrainSuite
let sha: string
let job: TrainJob
let envDump: string

beforeAll(async () => {
  suite = await startTrainSuite('train-security')
  envDump = join(suite.scratch, 'training-env.json')
  sha = await commitFiles(suite.workspace, {
    'models/m__bold__/src/train.py': DUMPING_TRAIN_PY,
    'models/breakout/src/train.py': BREAKOUT_TRAIN_PY,
    'models/hostile-nan/model.yml': 'metrics-file: outputs/metrics.yaml\n',
    'models/hostile-nan/src/train.py': HOSTILE_NAN_TRAIN_PY,
    'models/prying/src/train.py': PRYING_TRAIN_PY
  })
  job = await runTrain(suite, {
    model: 'm__bold__',
    sha,
    env: { ENV_DUMP: envDump, ACTIONS_ID_TOKEN_REQUEST_TOKEN: ID_TOKEN_REQUEST_TOKEN, ACTIONS_ID_TOKEN_REQUEST_URL: `${suite.gh.apiUrl}/oidc` }
  })
  expectTrained(job)
})
afterAll(async () => {
  await suite.close()
})

test('model and metric names reach the job summary only inside code spans', () => {
  const summary = job.summary
  expect(summary).toContain('## model-ci: `m__bold__` trained')
  expect(summary).toContain('| `<img src=x onerror=alert(1)>` | 0.5 |')
  expect(summary).toContain('| `**bold** [link](https://evil.example)` | 0.25 |')
  expect(summary).toContain('| `a\\|b` | 1 |')
  expect(summary).toContain('| `` `tick` `` | 2 |')
  expect(summary).toContain('| `@mona` | 3 |')
  expect(summary).toContain('- skipped `nested.<script>alert(1)</script>`: a string, not a number')
  expect(summary).toContain('Artifact `model-ci-m__bold__`')
  // Outside code spans nothing of the names is left.
  const outsideCode = summary.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '')
  expect(outsideCode).not.toMatch(/<img|<script|\*\*bold|\[link\]|@mona|__bold__/)
})

test('the training process sees neither the inputs nor the tokens, and does see its own variables', () => {
  const seen = JSON.parse(readFileSync(envDump, 'utf8')) as Record<string, string>
  const names = Object.keys(seen)
  expect(names.filter((name) => name.startsWith('INPUT_'))).toEqual([])
  expect(names).not.toContain('ACTIONS_RUNTIME_TOKEN')
  expect(names).not.toContain('ACTIONS_ID_TOKEN_REQUEST_TOKEN')
  const secrets = [job.env['INPUT_TOKEN'], job.env.ACTIONS_RUNTIME_TOKEN, ID_TOKEN_REQUEST_TOKEN]
  // The job had them: the training was kept from them.
  expect(secrets.every((secret) => typeof secret === 'string' && secret.length > 20)).toBe(true)
  for (const value of Object.values(seen)) {
    for (const secret of secrets) expect(value).not.toContain(secret)
  }
  const modelDir = join(suite.workspace, 'models', 'm__bold__')
  expect(seen).toMatchObject({
    MODEL_CI_MODEL: 'm__bold__',
    MODEL_CI_MODEL_DIR: modelDir,
    MODEL_CI_OUTPUT_DIR: join(modelDir, 'outputs'),
    MODEL_CI_METRICS_FILE: join(modelDir, 'outputs', 'metrics.json'),
    MODEL_CI_DATA_DIR: join(modelDir, 'data'),
    MODEL_CI_SHA: sha,
    GITHUB_SHA: sha
  })
})

test("the training cannot read the tokens in /proc: model-ci's environment as the runner started it is blanked", async () => {
  await cleanCheckout(suite.workspace)
  const procDump = join(suite.scratch, 'proc.json')
  const prying = await runTrain(suite, { model: 'prying', sha, env: { PROC_DUMP: procDump, ACTIONS_ID_TOKEN_REQUEST_TOKEN: ID_TOKEN_REQUEST_TOKEN } })
  expectTrained(prying)
  const seen = JSON.parse(readFileSync(procDump, 'utf8')) as { own: string; ancestors: Array<{ pid: number; cmdline: string; environ: string }> }
  // The training's parent is model-ci itself, and /proc let the training open its environ.
  expect(seen.ancestors[0]?.cmdline).toContain(join('dist', 'index.js'))
  expect(seen.ancestors[0]?.environ).not.toMatch(/^unreadable/)
  const secrets = [prying.env['INPUT_TOKEN'], prying.env.ACTIONS_RUNTIME_TOKEN, ID_TOKEN_REQUEST_TOKEN]
  expect(secrets.every((secret) => typeof secret === 'string' && secret.length > 20)).toBe(true)
  for (const text of [seen.own, ...seen.ancestors.map((ancestor) => ancestor.environ)]) {
    for (const secret of secrets) expect(text).not.toContain(secret)
  }
  // What the action still needs after blanking it: the upload worked with the runtime token.
  expect(prying.outputs['artifact-id']).toMatch(/^\d+$/)
})

test('neither token appears in the log', () => {
  const token = job.env['INPUT_TOKEN']
  const runtimeToken = job.env.ACTIONS_RUNTIME_TOKEN
  // The runner replaces a registered secret with *** in the log: the token is registered...
  expect(job.masks).toContain(token)
  // ...and, except in that registration, never printed.
  const log = `${job.stdout.replace(/^::add-mask::.*$/gm, '')}\n${job.stderr}`
  expect(log).not.toContain(token)
  expect(log).not.toContain(runtimeToken)
})

test('a log tail cannot close the summary\'s code fence or its <details>', async () => {
  await cleanCheckout(suite.workspace)
  const failed = await runTrain(suite, { model: 'breakout', sha })
  expectFailedIn(failed, 'train')
  // The tail's own fence is broken with a zero-width space; the rest stays inside the fence, as text.
  expect(failed.summary).toContain(
    '<details><summary>Last lines of the log</summary>\n\n```text\n`\u200b``\n</details>\n<img src=x onerror=alert(1)> **not bold**\n```\n\n</details>\n'
  )
  expect(failed.summary.split('\n').filter((line) => line.startsWith('```'))).toEqual(['```text', '```'])
})

test('an error message quoting a metric name with HTML is escaped in the summary', async () => {
  await cleanCheckout(suite.workspace)
  const failed = await runTrain(suite, { model: 'hostile-nan', sha })
  expect(expectFailedIn(failed, 'metrics')).toContain('metric "<b>loss</b>" is NaN')
  expect(failed.summary).toContain('metric &quot;&lt;b&gt;loss&lt;/b&gt;&quot; is NaN')
  expect(failed.summary).not.toContain('<b>')
})
