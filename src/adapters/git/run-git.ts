import { spawn } from 'node:child_process'

export interface GitResult {
  exitCode: number
  stdout: Buffer
  stderr: string
}

/**
 * Runs git with an argument list (never a shell), collecting stdout as bytes so that `-z` output
 * and non-UTF-8 paths survive. Never prompts for credentials.
 */
export function runGit(cwd: string, args: string[], input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    if (input !== undefined) child.stdin?.end(input)
    child.on('close', (code, signal) =>
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8').trim()
      })
    )
  })
}

/** Splits NUL-terminated git output into its records. */
export function splitNul(output: Buffer): string[] {
  const text = output.toString('utf8')
  if (text.length === 0) return []
  const records = text.split('\0')
  if (records[records.length - 1] === '') records.pop()
  return records
}
