import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { build } from 'esbuild'
import { NodeProcessRunner } from '../../../src/adapters/node/node-process-runner.js'
import type { RunOptions } from '../../../src/ports/process-runner.js'

const SH = '/bin/sh'
const NODE = process.execPath
const PYTHON = 'python3'
const GRACE_MS = 300

// A runner that fails to stop a process would hang: fail fast instead.
jest.setTimeout(10_000)

let workDir: string
const strayPids: number[] = []

beforeAll(() => {
  workDir = realpathSync(mkdtempSync(join(tmpdir(), 'process-runner-')))
})

afterAll(() => {
  for (const pid of strayPids) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone, as it should be
    }
  }
  rmSync(workDir, { recursive: true, force: true })
})

function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

const runner = new NodeProcessRunner({ killGraceMs: GRACE_MS })

function run(argv: string[], options: Partial<RunOptions> = {}) {
  return runner.run(argv, { cwd: workDir, env: inheritedEnv(), ...options })
}

/**
 * Whether the process is still running. A zombie is dead: here PID 1 does not reap orphans, so a
 * killed grandchild stays in the process table, where `kill(pid, 0)` still finds it.
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  if (process.platform !== 'linux') return true
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]
  return state !== 'Z' && state !== 'X'
}

/** The pid a script printed on its first output line. */
function printedPid(tail: string[]): number {
  const pid = Number(tail[0])
  expect(Number.isInteger(pid) && pid > 1).toBe(true)
  strayPids.push(pid)
  return pid
}

describe('NodeProcessRunner', () => {
  it('reports the exit code, and the signal when the process is killed by one', async () => {
    await expect(run([SH, '-c', 'exit 0'])).resolves.toMatchObject({ exitCode: 0, signal: null, timedOut: false })
    await expect(run([SH, '-c', 'exit 3'])).resolves.toMatchObject({ exitCode: 3, signal: null, timedOut: false })
    await expect(run([SH, '-c', 'kill -USR1 $$'])).resolves.toMatchObject({ exitCode: null, signal: 'SIGUSR1' })
  })

  it('keeps the last N lines of the output as the tail, 50 by default', async () => {
    const script = 'for i in $(seq 1 200); do echo "line $i"; done'
    const ten = await run([SH, '-c', script], { tailLines: 10 })
    expect(ten.tail).toEqual(Array.from({ length: 10 }, (_, i) => `line ${191 + i}`))
    const byDefault = await run([SH, '-c', script])
    expect(byDefault.tail).toHaveLength(50)
    expect(byDefault.tail[0]).toBe('line 151')
    expect(byDefault.tail[49]).toBe('line 200')
  })

  it('streams stdout and stderr lines to onOutput in the order they were written', async () => {
    const seen: string[] = []
    const result = await run([SH, '-c', 'echo out 1; sleep 0.1; echo err 1 >&2; sleep 0.1; echo out 2; sleep 0.1; printf "err 2 no newline" >&2'], {
      onOutput: (line) => seen.push(line)
    })
    expect(seen).toEqual(['out 1', 'err 1', 'out 2', 'err 2 no newline'])
    expect(result.tail).toEqual(seen)
  })

  it('gives the child exactly the env and cwd it was given', async () => {
    const subdir = join(workDir, 'model dir')
    mkdirSync(subdir)
    const result = await runner.run(
      [NODE, '-e', 'console.log(process.cwd()); console.log(JSON.stringify([process.env.MODEL_CI_MODEL, process.env.HOME ?? "no HOME"]))'],
      { cwd: subdir, env: { MODEL_CI_MODEL: 'fraud detection' } }
    )
    expect(result.exitCode).toBe(0)
    expect(result.tail).toEqual([subdir, JSON.stringify(['fraud detection', 'no HOME'])])
  })

  it('passes arguments to the child verbatim, without a shell', async () => {
    const args = ['two words', '"double"', "'single'", '$(touch pwned-subst)', 'x; touch pwned-semicolon', '`touch pwned-backtick`', '*', '$HOME', '', 'a\nb']
    const result = await run([NODE, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...args])
    expect(result.tail).toEqual([JSON.stringify(args)])
    for (const file of ['pwned-subst', 'pwned-semicolon', 'pwned-backtick']) expect(existsSync(join(workDir, file))).toBe(false)
  })

  it('keeps a UTF-8 character intact when its bytes arrive in separate writes', async () => {
    const script = [
      'import sys, time',
      'out = sys.stdout.buffer',
      'for part in (b"caf\\xc3", b"\\xa9 \\xf0\\x9f", b"\\x9a\\x80\\n"):',
      '    out.write(part); out.flush(); time.sleep(0.05)'
    ].join('\n')
    const result = await run([PYTHON, '-c', script])
    expect(result.tail).toEqual(['café 🚀'])
  })

  it('cuts a very long line with a marker and goes on with the next one', async () => {
    const result = await run([NODE, '-e', 'process.stdout.write("x".repeat(200 * 1024) + "\\nafter\\n")'])
    expect(result.tail).toHaveLength(2)
    expect(result.tail[0]).toBe(`${'x'.repeat(64 * 1024)} [… line cut at 65536 bytes]`)
    expect(result.tail[1]).toBe('after')
  })

  it('says why a command that does not exist cannot run, without throwing', async () => {
    const result = await run(['no-such-command-model-ci'])
    expect(result).toMatchObject({ exitCode: null, signal: null, timedOut: false })
    expect(result.tail).toHaveLength(1)
    expect(result.tail[0]).toMatch(/^cannot run "no-such-command-model-ci": no such file/)
  })

  it('says why a file that is not executable cannot run', async () => {
    const script = join(workDir, 'train.sh')
    writeFileSync(script, '#!/bin/sh\necho trained\n', { mode: 0o644 })
    const result = await run([script])
    expect(result).toMatchObject({ exitCode: null, signal: null })
    expect(result.tail).toEqual([`cannot run "${script}": permission denied (is the file executable?)`])
  })

  it('says so when the working directory does not exist', async () => {
    const result = await run([SH, '-c', 'exit 0'], { cwd: join(workDir, 'missing') })
    expect(result.exitCode).toBeNull()
    expect(result.tail[0]).toContain(`cannot run "${SH}": its working directory ${join(workDir, 'missing')} does not exist`)
  })

  it('at the timeout kills the whole tree, SIGKILLing a grandchild that ignores SIGTERM after the grace period', async () => {
    const seen: string[] = []
    const started = performance.now()
    const result = await run([SH, '-c', '(trap "" TERM; exec sleep 100) & echo $!; wait'], {
      timeoutMs: 300,
      onOutput: (line) => seen.push(line)
    })
    const elapsed = performance.now() - started
    const grandchild = printedPid(result.tail)
    expect(seen).toEqual([String(grandchild)])
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' })
    expect(isRunning(grandchild)).toBe(false)
    // It took the grace period: SIGTERM did not stop the grandchild, SIGKILL did.
    expect(elapsed).toBeGreaterThanOrEqual(300 + GRACE_MS)
    expect(elapsed).toBeLessThan(300 + GRACE_MS + 1500)
  })

  it('waits out a timeout longer than setTimeout can hold (a timeout-minutes of 50 days)', async () => {
    const result = await run([SH, '-c', 'sleep 0.3; echo done'], { timeoutMs: 50 * 24 * 60 * 60_000 })
    expect(result).toMatchObject({ timedOut: false, exitCode: 0, tail: ['done'] })
  })

  it('kills a main process that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const result = await run([SH, '-c', 'trap "" TERM; echo started; while :; do sleep 0.05; done'], { timeoutMs: 200 })
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL', tail: ['started'] })
    expect(result.durationMs).toBeGreaterThanOrEqual(200 + GRACE_MS)
  })

  it('does not wait out the grace period when SIGTERM stops the whole tree', async () => {
    const slowRunner = new NodeProcessRunner({ killGraceMs: 10_000 })
    const result = await slowRunner.run([PYTHON, '-c', 'import subprocess; subprocess.run(["sleep", "100"])'], {
      cwd: workDir,
      env: inheritedEnv(),
      timeoutMs: 300
    })
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGTERM' })
    expect(result.durationMs).toBeLessThan(3000)
  })

  it('stops what the command left running in its group when it exits', async () => {
    const result = await run([SH, '-c', 'sleep 100 & echo $!'])
    expect(result).toMatchObject({ exitCode: 0, timedOut: false })
    expect(isRunning(printedPid(result.tail))).toBe(false)
  })

  it('does not hang on a process that left the group and still holds the output pipes', async () => {
    const script = 'import subprocess; p = subprocess.Popen(["sleep", "100"], start_new_session=True); print(p.pid, flush=True)'
    const started = performance.now()
    const result = await run([PYTHON, '-c', script])
    expect(performance.now() - started).toBeLessThan(2000)
    expect(result).toMatchObject({ exitCode: 0, timedOut: false })
    // Out of reach of a group kill, so it still runs; afterAll ends it.
    expect(isRunning(printedPid(result.tail))).toBe(true)
  })

  it('passes SIGTERM of the parent process on to the child group, then ends the parent by it', async () => {
    const bundle = join(workDir, 'runner.mjs')
    await build({
      entryPoints: [resolve('src/adapters/node/node-process-runner.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent'
    })
    const driver = join(workDir, 'driver.mjs')
    writeFileSync(
      driver,
      [
        `import { NodeProcessRunner } from ${JSON.stringify(bundle)}`,
        `const runner = new NodeProcessRunner({ killGraceMs: ${GRACE_MS} })`,
        `const result = await runner.run(['${SH}', '-c', 'sleep 100 & echo $!; wait'], { cwd: process.cwd(), env: process.env, onOutput: (line) => console.log(line) })`,
        `console.log('run resolved', JSON.stringify(result))`
      ].join('\n')
    )
    const parent = spawn(NODE, [driver], { cwd: workDir, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    parent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const ended = new Promise<NodeJS.Signals | null>((done) => parent.once('exit', (_code, signal) => done(signal)))
    const deadline = Date.now() + 5000
    while (!output.includes('\n') && Date.now() < deadline) await sleep(20)
    const grandchild = Number(output.split('\n')[0])
    expect(grandchild).toBeGreaterThan(1)
    strayPids.push(grandchild)
    expect(isRunning(grandchild)).toBe(true)

    parent.kill('SIGTERM')
    expect(await ended).toBe('SIGTERM')
    expect(output).not.toContain('run resolved')
    expect(isRunning(grandchild)).toBe(false)
  })
})
