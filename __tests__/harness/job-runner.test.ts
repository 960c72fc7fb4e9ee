// The job runner itself: what it gives the step (environment, inputs, files) and how it reads what
// the step leaves (outputs in both forms, summary, annotations with the toolkit's escapes, masks).
// A stand-in step script takes the bundle's place, so these tests do not depend on dist/.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { applyEnv } from '../emulator/test-support.js'
import { makeTempDir, removeDir } from './git-repo.js'
import { parseCommandFile, parseWorkflowCommands, runJob } from './job-runner.js'

// Writes what @actions/core would for: setOutput (both file forms), summary, error/warning/notice
// with properties, add-mask, exportVariable; then dumps its environment as an output.
const STEP_SCRIPT = `
import { appendFileSync } from 'node:fs'
const env = process.env
appendFileSync(env.GITHUB_OUTPUT, 'simple=value=with=equals\\n')
appendFileSync(env.GITHUB_OUTPUT, 'multi<<ghadelimiter_1\\nline one\\nline two\\nghadelimiter_1\\n')
appendFileSync(env.GITHUB_OUTPUT, 'env<<ghadelimiter_2\\n' + JSON.stringify(env) + '\\nghadelimiter_2\\n')
appendFileSync(env.GITHUB_STEP_SUMMARY, '## Summary\\n')
appendFileSync(env.GITHUB_ENV, 'EXPORTED<<ghadelimiter_3\\nyes\\nghadelimiter_3\\n')
console.log('::add-mask::s3cret')
console.log('::error file=models/a%2Cb/model.yml,line=3,title=model-ci::unknown key: 100%25%0Asecond line')
console.log('::warning::a warning: with colons :: inside')
console.log('::notice title=note::fyi')
console.log('::debug::not an annotation')
console.log('plain log line')
process.exitCode = 3
`

let tempDir: string
let entry: string
beforeAll(() => {
  tempDir = makeTempDir('model-ci-harness-')
  entry = join(tempDir, 'step.mjs')
  writeFileSync(entry, STEP_SCRIPT)
})
afterAll(() => removeDir(tempDir))

describe('runJob', () => {
  test('gives the step the runner environment, the inputs with action.yml defaults, and reads back what it wrote', async () => {
    const restoreEnv = applyEnv({ GITHUB_TOKEN: 'from-the-test-process', INPUT_STALE: 'from-the-test-process' })
    try {
      const result = await runJob({
        workspace: tempDir,
        runnerTemp: join(tempDir, 'runner-temp'),
        event: { name: 'push', payload: { ref: 'refs/heads/main', before: '0'.repeat(40), after: 'a'.repeat(40), repository: { full_name: 'acme/models', default_branch: 'trunk' } } },
        inputs: { command: 'detect', 'working-directory': 'ml' },
        env: { EXTRA: 'given' },
        runId: 42,
        jobId: 'detect',
        token: 'ghs_job',
        entry
      })

      expect(result.exitCode).toBe(3)
      expect(result.outputs.simple).toBe('value=with=equals')
      expect(result.outputs.multi).toBe('line one\nline two')
      expect(result.summary).toBe('## Summary\n')
      expect(result.exportedEnv).toEqual({ EXPORTED: 'yes' })
      expect(result.masks).toEqual(['s3cret'])
      expect(result.annotations).toEqual([
        { level: 'error', message: 'unknown key: 100%\nsecond line', file: 'models/a,b/model.yml', line: 3, title: 'model-ci' },
        { level: 'warning', message: 'a warning: with colons :: inside' },
        { level: 'notice', message: 'fyi', title: 'note' }
      ])

      const stepEnv = JSON.parse(result.outputs.env) as Record<string, string>
      expect(stepEnv).toMatchObject({
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_WORKSPACE: tempDir,
        GITHUB_REPOSITORY: 'acme/models',
        GITHUB_SHA: 'a'.repeat(40),
        GITHUB_REF: 'refs/heads/main',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'detect',
        RUNNER_OS: 'Linux',
        EXTRA: 'given',
        INPUT_COMMAND: 'detect',
        'INPUT_WORKING-DIRECTORY': 'ml',
        // action.yml's defaults, with their expressions evaluated as the runner does.
        INPUT_TOKEN: 'ghs_job',
        'INPUT_DEFAULT-BRANCH': 'trunk',
        INPUT_CONFIG: 'model-ci.yml'
      })
      expect(stepEnv.RUNNER_TEMP).toBe(join(tempDir, 'runner-temp'))
      expect(stepEnv.RUNNER_TOOL_CACHE).toBe(join(tempDir, 'runner-temp', '_tool'))
      expect(stepEnv.GITHUB_TOKEN).toBeUndefined()
      expect(stepEnv.INPUT_STALE).toBeUndefined()
      expect(stepEnv.NODE_OPTIONS).toBeUndefined()
      expect(JSON.parse(readFileSync(stepEnv.GITHUB_EVENT_PATH, 'utf8'))).toMatchObject({ after: 'a'.repeat(40) })
    } finally {
      restoreEnv()
    }
  })

  test('refuses an input action.yml does not declare, as a typo in a test would otherwise pass silently', async () => {
    await expect(
      runJob({ workspace: tempDir, event: { name: 'push', payload: { ref: 'refs/heads/main', after: 'a'.repeat(40) } }, inputs: { comand: 'detect' }, entry })
    ).rejects.toThrow('no input named "comand"')
  })
})

describe('parsers', () => {
  test('a heredoc output whose value holds "=" and "<<" keeps it whole', () => {
    const values = parseCommandFile('a<<EOF\nx=1\ny<<z\nEOF\nb=2\n', 'GITHUB_OUTPUT')
    expect(Object.fromEntries(values)).toEqual({ a: 'x=1\ny<<z', b: '2' })
  })

  test('an escaped percent sign followed by 0A stays text', () => {
    expect(parseWorkflowCommands('::error::100%250A').annotations[0].message).toBe('100%0A')
  })
})
