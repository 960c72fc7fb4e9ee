/** Helpers shared by the emulator's own tests. */
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fake 40-hex commit sha, distinct per `n`. */
export function sha(n: number): string {
  return createHash('sha1').update(`commit ${n}`).digest('hex')
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Sets environment variables; the returned function puts the previous values back. */
export function applyEnv(vars: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(vars).map(name => [name, process.env[name]]))
  Object.assign(process.env, vars)
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

export interface TempDir {
  path: string
  remove(): Promise<void>
}

export async function tempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
