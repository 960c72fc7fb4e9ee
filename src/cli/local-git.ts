// What the CLI asks git about the user's checkout, beyond the Git port the commands use: which
// branch is checked out, which is the default, what is uncommitted, who the user is.
import { userInfo } from 'node:os'
import { runGit, splitNul } from '../adapters/git/run-git.js'

/** The branch checked out in `dir`, or undefined when HEAD is detached. */
export async function currentBranch(dir: string): Promise<string | undefined> {
  const result = await runGit(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD'])
  return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined
}

/** `origin/HEAD`'s branch when the clone has one, else `main`, else `master`, if they exist. */
export async function defaultBranchOf(dir: string): Promise<string | undefined> {
  const remoteHead = await runGit(dir, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'])
  if (remoteHead.exitCode === 0) return remoteHead.stdout.toString('utf8').trim().replace(/^refs\/remotes\/origin\//, '')
  for (const branch of ['main', 'master']) {
    for (const ref of [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`]) {
      if ((await runGit(dir, ['rev-parse', '--verify', '--quiet', ref])).exitCode === 0) return branch
    }
  }
  return undefined
}

/** Tracked files below `dir` whose working copy or index differs from HEAD (untracked files are not counted). */
export async function uncommittedFiles(dir: string): Promise<string[]> {
  const result = await runGit(dir, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=no', '--', '.'])
  if (result.exitCode !== 0) return []
  // Each record is "XY <path>"; a rename adds the old path as a record of its own.
  return splitNul(result.stdout)
    .filter((record) => /^[ MADRCUT?!]{2} /.test(record))
    .map((record) => record.slice(3))
}

/** Whether git ignores `path` (relative to `dir`), by any .gitignore or exclude file. */
export async function isIgnored(dir: string, path: string): Promise<boolean> {
  return (await runGit(dir, ['check-ignore', '--quiet', '--no-index', '--', path])).exitCode === 0
}

/** Who promotes: git's user.name, else the OS user. */
export async function userName(dir: string): Promise<string> {
  const result = await runGit(dir, ['config', '--get', 'user.name'])
  const name = result.exitCode === 0 ? result.stdout.toString('utf8').trim() : ''
  if (name !== '') return name
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}
