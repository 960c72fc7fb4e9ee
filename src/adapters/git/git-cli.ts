import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FileEntry, Git, GitObject } from '../../ports/git.js'
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

  async findInIndex(folders: readonly string[], names: readonly string[]): Promise<FileEntry[]> {
    const output = await this.checked(['ls-files', '--stage', '-z', '--', ...namePathspecs(folders, names)])
    const entries: FileEntry[] = []
    for (const record of splitNul(output)) {
      // "<mode> SP <oid> SP <stage> TAB <path>"
      const oidStart = record.indexOf(' ') + 1
      const oidEnd = record.indexOf(' ', oidStart)
      entries.push({ path: record.slice(record.indexOf('\t', oidEnd) + 1), mode: record.slice(0, oidStart - 1), oid: record.slice(oidStart, oidEnd) })
    }
    return entries
  }

  async indexAgrees(rev: string, folders: readonly string[], names: readonly string[]): Promise<boolean> {
    const args = ['diff-index', '--cached', '--quiet', '--end-of-options', rev, '--', ...namePathspecs(folders, names)]
    const result = await this.git(args)
    // --quiet: 1 when something differs; anything else is a failure.
    if (result.exitCode === 0 || result.exitCode === 1) return result.exitCode === 0
    throw new Error(`git ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr}`)
  }

  async listTree(rev: string, paths: readonly string[], options: { recursive: boolean }): Promise<FileEntry[]> {
    // Literal: a folder called "[x]" or ":x" is a name, not a pattern.
    const args = ['--literal-pathspecs', 'ls-tree', '-z', '--full-tree']
    if (options.recursive) args.push('-r')
    const output = await this.checked([...args, '--end-of-options', rev, '--', ...paths])
    const entries: FileEntry[] = []
    for (const record of splitNul(output)) {
      // "<mode> SP <type> SP <oid> TAB <path>", parsed by position: a large repository has
      // tens of thousands of records and this runs on the budget of every detect.
      const typeStart = record.indexOf(' ') + 1
      const oidStart = record.indexOf(' ', typeStart) + 1
      const tab = record.indexOf('\t', oidStart)
      entries.push({ path: record.slice(tab + 1), mode: record.slice(0, typeStart - 1), oid: record.slice(oidStart, tab) })
    }
    return entries
  }

  async changedPaths(from: string, to: string): Promise<string[]> {
    return splitNul(await this.checked([...DIFF_NAMES, '--end-of-options', from, to]))
  }

  async changesSinceMergeBase(a: string, b: string): Promise<{ mergeBase: string; paths: string[] } | undefined> {
    // Two processes side by side rather than one after the other: `diff --merge-base` finds the
    // merge-base itself, and fails when there is none or more than one.
    const [mergeBase, diff] = await Promise.all([this.mergeBase(a, b), this.git([...DIFF_NAMES, '--merge-base', '--end-of-options', a, b])])
    if (mergeBase === undefined || diff.exitCode !== 0) return undefined
    return { mergeBase, paths: splitNul(diff.stdout) }
  }

  async parentsOf(rev: string): Promise<string[] | undefined> {
    const result = await this.git(['cat-file', 'commit', '--end-of-options', rev])
    if (result.exitCode !== 0) return undefined
    // The header ends at the first empty line; "parent <id>" lines follow "tree <id>".
    const text = result.stdout.toString('latin1')
    const end = text.indexOf('\n\n')
    const header = end === -1 ? text : text.slice(0, end + 1)
    return [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((match) => match[1])
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

  async readObjects(names: readonly string[]): Promise<Array<GitObject | undefined>> {
    if (names.length === 0) return []
    // --buffer: git writes the objects in large blocks rather than flushing after each one.
    const output = await runGit(this.root, ['cat-file', '--batch', '--buffer'], `${names.join('\n')}\n`)
    if (output.exitCode !== 0) throw new Error(`git cat-file --batch failed (exit ${output.exitCode}): ${output.stderr}`)
    // Each object: "<oid> SP <type> SP <size> LF <content> LF", or "<name> SP missing LF". The
    // headers are read from one latin1 string of the whole output, whose indexes are byte offsets:
    // thousands of objects, one decoding.
    const data = output.stdout
    const text = data.toString('latin1')
    const objects: Array<GitObject | undefined> = []
    let at = 0
    while (at < text.length) {
      const lineEnd = text.indexOf('\n', at)
      const header = text.slice(at, lineEnd)
      at = lineEnd + 1
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        objects.push(undefined)
        continue
      }
      const typeStart = header.indexOf(' ') + 1
      const sizeStart = header.indexOf(' ', typeStart) + 1
      const length = Number(header.slice(sizeStart))
      objects.push({ oid: header.slice(0, typeStart - 1), type: header.slice(typeStart, sizeStart - 1), content: data.subarray(at, at + length) })
      at += length + 1
    }
    return objects
  }

  async readFile(rev: string, path: string): Promise<string | undefined> {
    const result = await this.git(['cat-file', 'blob', '--end-of-options', `${rev}:${path}`])
    return result.exitCode === 0 ? result.stdout.toString('utf8') : undefined
  }

  async firstParentAncestors(rev: string, limit: number): Promise<string[]> {
    const result = await this.git(['rev-list', '--first-parent', `--max-count=${limit}`, '--end-of-options', rev])
    if (result.exitCode !== 0) return []
    return result.stdout.toString('utf8').split('\n').filter((line) => line !== '')
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

/** `git diff` listing changed paths, a rename as a deletion plus an addition, whatever the user's config says. */
const DIFF_NAMES = ['diff', '--no-renames', '--no-ext-diff', '--no-textconv', '--name-only', '-z']

/**
 * Pathspecs for files called `names` below `folders`. Git's default pathspecs are patterns whose
 * `*` also matches "/" and nothing at all, so `<folder>*\/<name>` reaches every depth below the
 * folder (and folders whose name starts with the folder's: more, never less), with one pattern
 * per name, which git tests against every entry of the index. The folder's own characters are
 * escaped so that they match only themselves.
 */
function namePathspecs(folders: readonly string[], names: readonly string[]): string[] {
  return folders.flatMap((folder) => names.map((name) => `${folder === '.' ? '' : escapePattern(folder)}*/${escapePattern(name)}`))
}

// "*", "?", "[" and "\\" are pattern characters; a leading ":" would start pathspec magic.
function escapePattern(text: string): string {
  return text.replace(/[*?[\\]/g, '\\$&').replace(/^:/, '\\:')
}
