/**
 * Real git repositories in temp folders, laid out the way GitHub and actions/checkout leave them:
 *
 * - `GitOrigin.create()` makes the "GitHub" side: a bare repository that, like GitHub, lets clients
 *   fetch any commit by id (`uploadpack.allowReachableSHA1InWant` / `allowAnySHA1InWant`), and a
 *   working clone where the test writes commits (fixed author and dates, so every run makes the same
 *   commit ids). Changed branches are force-pushed to the bare repository before anything reads it
 *   (`pullRequest`, `checkout`, `publish`): one push instead of one per commit.
 * - `pullRequest()` publishes `refs/pull/N/head` and GitHub's test-merge commit `refs/pull/N/merge`
 *   (base tip merged with the head, first parent the base).
 * - `checkout()` makes a runner's workspace the way actions/checkout does: `git init`, `git remote
 *   add origin file://...`, `git fetch --depth=1 origin +<sha>:<ref>` (or the whole history for
 *   fetch-depth 0), then `checkout --detach` of that ref, or `checkout -B <branch>` for a branch
 *   ref, as actions/checkout leaves a push run on its branch.
 *
 * Every git call takes an argument list (execFile, no shell) and runs without the user's global or
 * system git config, so the machine's settings cannot change what a test sees.
 */
import { execFile, spawn } from 'node:child_process'
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

/** 2026-01-01T00:00:00Z: the first commit's date; each later commit is a minute after the one before. */
const FIRST_COMMIT_EPOCH = 1_767_225_600

/** A temp folder for one test file's repositories; remove it with `removeDir` in `afterAll`. */
export function makeTempDir(prefix = 'model-ci-git-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * The files below `root` as a commit takes them: by their path relative to `root`, under `into`
 * when given, leaving out every entry whose name is in `skip` (what local runs leave behind).
 */
export function folderFiles(root: string, options: { into?: string; skip?: ReadonlySet<string> } = {}): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (options.skip?.has(entry.name)) continue
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else files[options.into === undefined ? relative(root, full) : `${options.into}/${relative(root, full)}`] = readFileSync(full, 'utf8')
    }
  }
  walk(root)
  return files
}

/** Runs git in `cwd` with an argument list; returns stdout without the final newline, or throws with stderr. */
export function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: { ...isolatedGitEnv(), ...env }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args.join(' ')} (in ${cwd}) failed: ${stderr.trim() || error.message}`))
        else resolve(stdout.replace(/\n$/, ''))
      }
    )
  })
}

/** Commits nothing in `cwd` with `message` (a commit to point branches, tags and runs at); returns its sha. */
export async function emptyCommit(cwd: string, message: string): Promise<string> {
  await git(cwd, ['-c', 'user.name=Mona', '-c', 'user.email=mona@example.com', 'commit', '--quiet', '--allow-empty', '-m', message])
  return git(cwd, ['rev-parse', 'HEAD'])
}

/** Runs git with `input` on its stdin; throws with stderr when it fails. */
function gitWithInput(cwd: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: isolatedGitEnv(), stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')} (in ${cwd}) failed: ${stderr.trim()}`))))
    child.stdin.end(input)
  })
}

/** The process's environment without GIT_* variables and without the user's git config files. */
function isolatedGitEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('GIT_')) env[name] = value
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' }
}

/** File contents by repository-relative path; `null` deletes the file. */
export type FileChanges = Record<string, string | null>

export interface CommitOptions {
  message?: string
  /** Paths (files or folders) to move with `git mv` before `files` are written: `[from, to]`. */
  moves?: Array<[string, string]>
}

export interface PullRequestRefs {
  number: number
  /** The tip of the base branch the merge commit was made on. */
  baseSha: string
  headSha: string
  /** GitHub's test-merge commit, `refs/pull/N/merge`: what a pull_request run checks out. */
  mergeSha: string
}

/** A changed file as GitHub's pull request files API lists it (its `diff-entry`, the fields detect reads). */
export interface ChangedFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  previous_filename?: string
}

const FILE_STATUSES: Record<string, ChangedFile['status']> = { A: 'added', D: 'removed', M: 'modified', T: 'changed' }

export interface CheckoutOptions {
  /** The ref the runner checks out: `refs/heads/<branch>`, `refs/pull/<n>/merge`, ... */
  ref: string
  /** The commit (GITHUB_SHA). */
  sha: string
  /** actions/checkout's fetch-depth: 1 by default; 0 fetches every branch with its whole history. */
  depth?: number
}

/** A repository on "GitHub" (a bare repository) and the working clone the test commits in. */
export class GitOrigin {
  private commitCount = 0
  private currentBranch: string
  private checkouts = 0
  /** Branches changed in the author clone since the last push. */
  private readonly unpublished = new Set<string>()

  private constructor(
    /** The folder holding the bare repository, the author clone and the workspaces. */
    readonly root: string,
    readonly bareDir: string,
    readonly authorDir: string,
    readonly defaultBranch: string
  ) {
    this.currentBranch = defaultBranch
  }

  /** The URL a checkout fetches from, as actions/checkout configures `origin`. */
  get url(): string {
    return pathToFileURL(this.bareDir).href
  }

  /** An empty repository whose default branch is `defaultBranch`, in a new folder under `parent`. */
  static async create(parent: string, options: { defaultBranch?: string } = {}): Promise<GitOrigin> {
    const defaultBranch = options.defaultBranch ?? 'main'
    const root = mkdtempSync(join(parent, 'repo-'))
    const bareDir = join(root, 'origin.git')
    const authorDir = join(root, 'author')
    await Promise.all([
      git(root, ['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, bareDir]),
      git(root, ['init', '--quiet', `--initial-branch=${defaultBranch}`, authorDir])
    ])
    // Written directly: each git process costs tens of milliseconds when forked from jest.
    appendFileSync(join(bareDir, 'config'), '[uploadpack]\n\tallowReachableSHA1InWant = true\n\tallowAnySHA1InWant = true\n')
    return new GitOrigin(root, bareDir, authorDir, defaultBranch)
  }

  /**
   * Commits `files` on `branch` (which must exist, or be the unborn default branch). Origin gets
   * the branch at the next `pullRequest`, `checkout` or `publish`. Returns the commit's id.
   */
  async commit(branch: string, files: FileChanges, options: CommitOptions = {}): Promise<string> {
    await this.switchTo(branch)
    for (const [from, to] of options.moves ?? []) {
      mkdirSync(dirname(join(this.authorDir, to)), { recursive: true })
      await this.author(['mv', from, to])
    }
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.authorDir, path)
      if (content === null) {
        rmSync(full, { force: true })
      } else {
        mkdirSync(dirname(full), { recursive: true })
        writeFileSync(full, content)
      }
    }
    await this.author(['add', '--all'])
    await this.author(['commit', '--quiet', '--allow-empty', '-m', options.message ?? `change ${Object.keys(files).join(', ') || 'nothing'}`], this.nextDate())
    this.unpublished.add(branch)
    return this.author(['rev-parse', 'HEAD'])
  }

  /**
   * `count` commits on `branch`, the i-th (from 0) writing `files(i)`, in one `git fast-import`
   * (one process instead of three per commit: long histories stay fast). Returns the last id.
   */
  async commitSeries(branch: string, count: number, files: (index: number) => FileChanges): Promise<string> {
    await this.switchTo(branch)
    const parent = await this.revParse('HEAD')
    const chunks: string[] = []
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
    for (let index = 0; index < count; index++) {
      const when = this.nextDate().GIT_COMMITTER_DATE
      const identity = `${AUTHOR_IDENTITY.GIT_AUTHOR_NAME} <${AUTHOR_IDENTITY.GIT_AUTHOR_EMAIL}> ${when}`
      chunks.push(`commit refs/heads/${branch}\nauthor ${identity}\ncommitter ${identity}\n${data(`step ${index + 1} of ${count}`)}`)
      if (index === 0) chunks.push(`from ${parent}\n`)
      for (const [path, content] of Object.entries(files(index))) {
        chunks.push(content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`)
      }
      chunks.push('\n')
    }
    await gitWithInput(this.authorDir, ['fast-import', '--quiet', '--force'], chunks.join(''))
    // fast-import moved the branch under the checked-out tree: bring the tree along.
    await this.author(['reset', '--quiet', '--hard', `refs/heads/${branch}`])
    this.unpublished.add(branch)
    return this.revParse('HEAD')
  }

  /** Creates `name` at `from` (a branch or commit id). */
  async createBranch(name: string, from: string): Promise<void> {
    await this.author(['branch', '--no-track', name, from])
    this.unpublished.add(name)
  }

  /** A branch with no history in common with any other, holding only `files`. Returns its commit. */
  async createOrphanBranch(name: string, files: FileChanges): Promise<string> {
    await this.author(['checkout', '--quiet', '--orphan', name])
    await this.author(['rm', '-r', '--quiet', '--cached', '--ignore-unmatch', '.'])
    await this.author(['clean', '-f', '-d', '--quiet'])
    this.currentBranch = name
    return this.commit(name, files, { message: `orphan ${name}` })
  }

  /** Moves `branch` to `sha`, as a rewrite of history before a force push does. */
  async resetBranch(branch: string, sha: string): Promise<void> {
    await this.switchTo(branch)
    await this.author(['reset', '--quiet', '--hard', sha])
    this.unpublished.add(branch)
  }

  /** The commit a branch or revision names in the author clone. */
  revParse(rev: string): Promise<string> {
    return this.author(['rev-parse', '--verify', `${rev}^{commit}`])
  }

  /**
   * The files a pull request from `head` into `base` changes, as GitHub's pull request files API
   * lists them: the diff from their merge-base, renames detected, statuses in GitHub's words.
   */
  async pullRequestFiles(base: string, head: string): Promise<ChangedFile[]> {
    const fields = (await this.author(['diff', '--name-status', '-M', '-z', `${base}...${head}`])).split('\0').filter((field) => field !== '')
    const files: ChangedFile[] = []
    for (let index = 0; index < fields.length; ) {
      const status = fields[index++]
      if (status.startsWith('R') || status.startsWith('C')) {
        // A rename or copy names the old path, then the new one.
        const previous = fields[index++]
        files.push({ filename: fields[index++], status: status.startsWith('R') ? 'renamed' : 'copied', previous_filename: previous })
      } else {
        files.push({ filename: fields[index++], status: FILE_STATUSES[status[0]] ?? 'changed' })
      }
    }
    return files
  }

  /**
   * Pushes the branches changed since the last push to origin, replacing what origin had (the
   * author clone is the truth, so a rewritten branch is force-pushed), with any `extraRefspecs`.
   */
  async publish(extraRefspecs: string[] = []): Promise<void> {
    const refspecs = [...this.unpublished].map((branch) => `refs/heads/${branch}:refs/heads/${branch}`).concat(extraRefspecs)
    if (refspecs.length === 0) return
    await this.author(['push', '--quiet', '--force', this.bareDir, ...refspecs])
    this.unpublished.clear()
  }

  /**
   * Publishes pull request `number` from `head` into `base` (branch names) as GitHub does:
   * `refs/pull/N/head` at the head's tip and `refs/pull/N/merge`, a merge commit of the head into
   * the base's current tip (first parent: base).
   */
  async pullRequest(number: number, base: string, head: string): Promise<PullRequestRefs> {
    const [baseSha, headSha] = (await this.author(['rev-parse', `${base}^{commit}`, `${head}^{commit}`])).split('\n')
    // merge-tree fails on a conflict, which a test's pull request should not have.
    const tree = (await this.author(['merge-tree', '--write-tree', baseSha, headSha])).split('\n')[0]
    const mergeSha = await this.author(['commit-tree', tree, '-p', baseSha, '-p', headSha, '-m', `Merge ${headSha} into ${baseSha}`], this.nextDate())
    await this.publish([`${headSha}:refs/pull/${number}/head`, `${mergeSha}:refs/pull/${number}/merge`])
    return { number, baseSha, headSha, mergeSha }
  }

  /**
   * A runner's workspace checked out the way actions/checkout does it, in a new folder. Depth 1
   * (the default) fetches only `sha`; depth 0 fetches every branch and tag with their whole history,
   * then `sha`. A branch ref is checked out as that branch (`checkout -B`), anything else detached.
   */
  async checkout(options: CheckoutOptions): Promise<string> {
    await this.publish()
    const workspace = join(this.root, `workspace-${++this.checkouts}`)
    const depth = options.depth ?? 1
    await git(this.root, ['init', '--quiet', workspace])
    await git(workspace, ['remote', 'add', 'origin', this.url])
    const branch = /^refs\/heads\/(.+)$/.exec(options.ref)?.[1]
    const localRef = branch !== undefined ? `refs/remotes/origin/${branch}` : options.ref.replace(/^refs\/pull\//, 'refs/remotes/pull/')
    const fetch = ['-c', 'protocol.version=2', 'fetch', '--no-tags', '--prune', '--no-recurse-submodules', '--quiet']
    if (depth > 0) {
      await git(workspace, [...fetch, `--depth=${depth}`, 'origin', `+${options.sha}:${localRef}`])
    } else {
      await git(workspace, [...fetch, 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'])
      await git(workspace, [...fetch, 'origin', `+${options.sha}:${localRef}`])
    }
    if (branch !== undefined) {
      await git(workspace, ['checkout', '--quiet', '--force', '-B', branch, localRef])
    } else {
      await git(workspace, ['checkout', '--quiet', '--force', '--detach', localRef])
    }
    return workspace
  }

  private async switchTo(branch: string): Promise<void> {
    if (branch === this.currentBranch) return
    await this.author(['checkout', '--quiet', branch])
    this.currentBranch = branch
  }

  /** The next commit's author and committer date: fixed, one minute after the one before. */
  private nextDate(): Record<string, string> {
    const date = `${FIRST_COMMIT_EPOCH + 60 * this.commitCount++} +0000`
    return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  }

  private author(args: string[], env: Record<string, string> = {}): Promise<string> {
    return git(this.authorDir, args, { ...AUTHOR_IDENTITY, ...env })
  }
}

const AUTHOR_IDENTITY = {
  GIT_AUTHOR_NAME: 'Mona Lisa',
  GIT_AUTHOR_EMAIL: 'mona@example.com',
  GIT_COMMITTER_NAME: 'Mona Lisa',
  GIT_COMMITTER_EMAIL: 'mona@example.com'
}
