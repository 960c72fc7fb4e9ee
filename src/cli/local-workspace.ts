import { existsSync, realpathSync, statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { GitCli } from '../adapters/git/git-cli.js'
import { listFilesWithoutGit } from '../adapters/node/fs-listing.js'
import { FsWorkspace } from '../adapters/node/fs-workspace.js'
import { LOCAL_STATE_DIR } from '../adapters/local/state-dir.js'
import type { RepositoryPorts } from '../repository/repository.js'
import { ScopedGit } from '../repository/scoped-git.js'
import { CONFIG_FILE, MODEL_CONFIG_FILE } from '../constants.js'
import { isNamed } from '../repository/committed-files.js'
import type { Logger } from '../ports/logger.js'
import { UsageError } from './args.js'
import { isIgnored, uncommittedFiles } from './local-git.js'

/** The checkout the CLI works on: the folder holding model-ci.yml, its git repository, the ports over both. */
export interface LocalWorkspace {
  root: string
  git: GitCli
  ports: RepositoryPorts
  configFile: string
  /** `<root>/.model-ci` */
  stateDir: string
  /**
   * Tracked files with uncommitted changes, repository-relative (see uncommittedFiles): read once,
   * since `git status` reads every tracked file's metadata. Their model.yml files are read as checked out.
   */
  uncommittedFiles: string[]
}

/**
 * Opens the workspace: `--repo` when given, else the nearest folder holding model-ci.yml from the
 * current folder up to the repository's top, else the top itself. Local mode needs git: it is
 * where the changes come from.
 */
export async function openLocalWorkspace(repoOption: string | undefined, logger: Logger): Promise<LocalWorkspace> {
  const start = realFolder(repoOption ?? process.cwd(), repoOption !== undefined)
  const git = await GitCli.open(start)
  if (!git) {
    throw new UsageError(`${start} is not in a git repository; model-ci's local mode finds the changed models with git, so run it in a clone (or git init and commit the models)`)
  }
  const root = repoOption !== undefined ? start : nearestConfigFolder(start, realFolder(git.root, false))
  const scope = relative(git.root, root).split(sep).join('/')
  const scoped = new ScopedGit(git, scope)
  const uncommitted = await uncommittedFiles(root)
  return {
    root,
    git,
    configFile: CONFIG_FILE,
    stateDir: join(root, LOCAL_STATE_DIR),
    uncommittedFiles: uncommitted,
    ports: {
      git: scoped,
      workspace: new FsWorkspace(root),
      logger,
      listFilesWithoutGit: () => listFilesWithoutGit(root),
      // Like model-ci.yml, which is always read from the checkout.
      checkedOutModelFiles: new Set(scoped.scopePaths(uncommitted).filter((path) => isNamed(path, MODEL_CONFIG_FILE)))
    }
  }
}

/**
 * Makes `.model-ci/` and keeps it out of git: unless the repository's ignore files already cover
 * it, `.model-ci/.gitignore` says `*`, so it never shows as untracked and detect never sees it.
 */
export async function prepareStateDir(workspace: LocalWorkspace): Promise<void> {
  await mkdir(workspace.stateDir, { recursive: true })
  const ownIgnore = join(workspace.stateDir, '.gitignore')
  if (existsSync(ownIgnore) || (await isIgnored(workspace.root, `${LOCAL_STATE_DIR}/runs`))) return
  await writeFile(ownIgnore, '# Written by model-ci: its local records are not part of the repository.\n*\n')
}

function realFolder(path: string, given: boolean): string {
  const absolute = resolve(path)
  try {
    if (statSync(absolute).isDirectory()) return realpathSync(absolute)
  } catch {
    // said below
  }
  throw new UsageError(given ? `option --repo: ${absolute} is not a folder` : `the current folder ${absolute} does not exist`)
}

function nearestConfigFolder(start: string, top: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, CONFIG_FILE))) return folder
    if (folder === top || dirname(folder) === folder || !folder.startsWith(top)) return top
  }
}
