/**
 * `model-ci ... | head -5`: the reader of the CLI's output goes away while the CLI still writes.
 * Like git, the CLI then ends quietly, without the stack trace of an unhandled EPIPE.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { makeTempDir, removeDir } from '../harness/git-repo.js'
import { bundledCli, cliEnv, commitTracked, editFile, quickstartRepository } from './cli-process.js'

let temp: string

beforeAll(() => {
  bundledCli()
  temp = makeTempDir('model-ci-cli-closed-pipe-')
})
afterAll(() => removeDir(temp))

test('a reader that stops after the first chunk ends the CLI quietly, with the status a broken pipe gives', async () => {
  const repo = await quickstartRepository(temp, 'talkative')
  // Far more than a pipe holds (64 KiB), so the CLI is still writing when the reader has gone.
  editFile(repo, 'models/churn/src/train.py', (text) => `${text}\nfor line in range(5000):\n    print(f"line {line}: " + "x" * 60)\n`)
  await commitTracked(repo, 'churn talks a lot')

  const cli = spawn(process.execPath, [bundledCli(), 'train', 'churn'], { cwd: repo, env: cliEnv({}), stdio: ['ignore', 'pipe', 'pipe'] })
  let firstChunk = ''
  cli.stdout.once('data', (chunk: Buffer) => {
    firstChunk = chunk.toString('utf8')
    cli.stdout.destroy()
  })
  let stderr = ''
  cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const [exitCode] = (await once(cli, 'close')) as [number | null, NodeJS.Signals | null]

  expect(firstChunk).toContain('Local run 1: training churn')
  expect(stderr).toBe('')
  expect(exitCode).toBe(141)
})
