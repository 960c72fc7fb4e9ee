import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FileEntry, Git } from '../../ports/git.js'
import { runGit, splitNul } from './run-git.js'

/** The Git port over the git command line, for a repository whose top folder is `root`. */
export class GitCli implements Git {
  private constructor(readonly root: string) {}

  /** Opens the repository that holds `dir`, or returns undefined when `dir` is not in one. */
  static async open(dir: string): Promise<GitCli | undefined> {
    // The usual checkout: `dir` is the top folder itself, and asking git would cost a process.
    if (existsSync(join(dir, '.git'))) return new GitCli(dir)
    const result = await runGit(dir, ['rev-parse', '--show-toplevel'])
    if (result.exitCode !== 0) return undefined
    return new GitCli(result.stdout.toString('utf8').trim())
  }

  async resolveCommit(rev: string): Promise<string | undefined> {
    const result = await this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])
    return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined
  }

  async listFiles(rev: string): Promise<FileEntry[]> {
    const output = await this.checked(['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', rev])
    const entries: FileEntry[] = []
    for (const record of splitNul(output)) {
      // "<mode> SP <type> SP <oid> TAB <path>", parsed by position: a large repository has
      // tens of thousands of records and this runs on the budget of every detect.
      const typeStart = record.indexOf(' ') + 1
      const oidStart = record.indexOf(' ', typeStart) + 1
      const tab = record.indexOf('\t', oidStart)
      if (record.startsWith('blob ', typeStart)) {
        entries.push({ path: record.slice(tab + 1), mode: record.slice(0, typeStart - 1), oid: record.slice(oidStart, tab) })
      }
    }
    return entries
  }

  async changedPaths(from: string, to: string): Promise<string[]> {
    const output = await this.checked([
      'diff',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--name-only',
      '-z',
      '--end-of-options',
      from,
      to
    ])
    return splitNul(output)
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const result = await this.git(['merge-base', '--end-of-options', a, b])
    return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined
  }

  async isShallow(): Promise<boolean> {
    const output = await this.checked(['rev-parse', '--is-shallow-repository'])
    return output.toString('utf8').trim() === 'true'
  }

  async fetch(refspecs: string[], options: { depth?: number; deepen?: number; unshallow?: boolean }): Promise<boolean> {
    const args = ['fetch', '--no-tags', '--no-recurse-submodules', '--quiet']
    if (options.depth !== undefined) args.push(`--depth=${options.depth}`)
    if (options.deepen !== undefined) args.push(`--deepen=${options.deepen}`)
    if (options.unshallow) args.push('--unshallow')
    args.push('origin', ...refspecs)
    const result = await this.git(args)
    return result.exitCode === 0
  }

  async readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const blobs = new Map<string, Buffer>()
    if (oids.length === 0) return blobs
    const output = await runGit(this.root, ['cat-file', '--batch'], `${oids.join('\n')}\n`)
    if (output.exitCode !== 0) throw new Error(`git cat-file --batch failed (exit ${output.exitCode}): ${output.stderr}`)
    // Each object: "<oid> SP <type> SP <size> LF <content> LF", or "<oid> SP missing LF".
    const data = output.stdout
    let at = 0
    while (at < data.length) {
      const lineEnd = data.indexOf(10, at)
      const [oid, type, size] = data.subarray(at, lineEnd).toString('latin1').split(' ')
      at = lineEnd + 1
      if (type === 'missing') continue
      const length = Number(size)
      blobs.set(oid, data.subarray(at, at + length))
      at += length + 1
    }
    return blobs
  }

  async readFile(rev: string, path: string): Promise<string | undefined> {
    const result = await this.git(['cat-file', 'blob', '--end-of-options', `${rev}:${path}`])
    return result.exitCode === 0 ? result.stdout.toString('utf8') : undefined
  }

  private git(args: string[]) {
    return runGit(this.root, ['-c', 'core.quotePath=false', ...args])
  }

  private async checked(args: string[]): Promise<Buffer> {
    const result = await this.git(args)
    if (result.exitCode !== 0) {
      throw new Error(`git ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr}`)
    }
    return result.stdout
  }
}
