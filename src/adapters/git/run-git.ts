import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface GitResult {
  exitCode: number
  stdout: Buffer
  stderr: string
}

/**
 * Runs git with an argument list (never a shell), collecting stdout as bytes so that `-z` output
 * and non-UTF-8 paths survive. Never prompts for credentials.
 *
 * git's input and output go through files, not pipes: a pipe holds 64 KiB, and while this process
 * runs JavaScript (detect works out 2,000 models while git reads their files) git would stop and
 * wait for it to read or write, at a third of its speed. Without pipes, starting git costs less too.
 */
export function runGit(cwd: string, args: string[], input?: string): Promise<GitResult> {
  const call = nextCallFiles()
  const fds: number[] = []
  const cleanUp = () => {
    for (const fd of fds.splice(0)) closeSync(fd)
    for (const file of Object.values(call)) {
      try {
        unlinkSync(file)
      } catch {
        // not made, or already gone
      }
    }
    callDone()
  }
  let stdio: Array<'ignore' | number>
  try {
    let inputFd: 'ignore' | number = 'ignore'
    if (input !== undefined) {
      writeFileSync(call.input, input, { flag: 'wx', mode: 0o600 })
      fds.push((inputFd = openSync(call.input, 'r')))
    }
    fds.push(openSync(call.output, 'wx', 0o600), openSync(call.errors, 'wx', 0o600))
    stdio = [inputFd, ...fds.slice(-2)]
  } catch (error) {
    cleanUp()
    return Promise.reject(error)
  }
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      try {
        finish()
      } catch (error) {
        reject(error)
      } finally {
        cleanUp()
      }
    }
    let child: ReturnType<typeof spawn>
    try {
      child = spawn('git', args, { cwd, stdio, env: gitEnv() })
    } catch (error) {
      settle(() => reject(error))
      return
    }
    child.on('error', (error) => settle(() => reject(error)))
    child.on('close', (code, signal) =>
      settle(() =>
        resolve({
          exitCode: code ?? (signal ? 128 : 1),
          stdout: readFileSync(call.output),
          stderr: readFileSync(call.errors, 'utf8').trim()
        })
      )
    )
  })
}

/** A folder of this process's own (mode 0700) for the files of the git calls running. */
let callFolder: string | undefined
let running = 0
let calls = 0

/** Paths for one call's input, output and errors; callDone() when they are gone. */
function nextCallFiles(): { input: string; output: string; errors: string } {
  const folder = callFolder ?? mkdtempSync(join(tmpdir(), 'model-ci-git-'))
  callFolder = folder
  running++
  calls++
  return { input: join(folder, `${calls}.in`), output: join(folder, `${calls}.out`), errors: join(folder, `${calls}.err`) }
}

/** Removes the folder once no call uses it, so that none is left behind. */
function callDone(): void {
  if (--running > 0 || !callFolder) return
  try {
    rmdirSync(callFolder)
  } catch {
    // already gone
  }
  callFolder = undefined
}

// Variables that would change how git reads the pathspecs model-ci passes (`*` matching "/").
const PATHSPEC_VARIABLES = ['GIT_LITERAL_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS']

let env: NodeJS.ProcessEnv | undefined

/** Made once: copying process.env costs a call into node per variable, and detect runs git several times. */
function gitEnv(): NodeJS.ProcessEnv {
  if (!env) {
    env = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }
    for (const name of PATHSPEC_VARIABLES) delete env[name]
  }
  return env
}

/** Splits NUL-terminated git output into its records. */
export function splitNul(output: Buffer): string[] {
  const text = output.toString('utf8')
  if (text.length === 0) return []
  const records = text.split('\0')
  if (records[records.length - 1] === '') records.pop()
  return records
}
