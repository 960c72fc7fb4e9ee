import { realpathSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { actionsLogger } from '../adapters/github/logger.js'
import { GitCli } from '../adapters/git/git-cli.js'
import { listFilesWithoutGit } from '../adapters/node/fs-listing.js'
import { FsWorkspace } from '../adapters/node/fs-workspace.js'
import type { RepositoryPorts } from '../repository/repository.js'
import { ScopedGit } from '../repository/scoped-git.js'
import { CONFIG_FILE } from '../constants.js'
import { isUserError, UserError } from '../errors.js'

/** The job's checkout as the commands see it: the working directory, git and the logger. */
export interface Checkout {
  ports: RepositoryPorts
  workspaceRoot: string
  /** A workspace-relative file → the repository-relative path GitHub's annotations want. */
  annotationPath: (file: string) => string
}

export async function openCheckout(inputs: CommonInputs): Promise<Checkout> {
  const checkoutRoot = realpathOrSelf(process.env.GITHUB_WORKSPACE || process.cwd())
  const workspaceRoot = resolveWorkspace(checkoutRoot, inputs.workingDirectory)
  const annotationPath = (file: string) => posixRelative(checkoutRoot, join(workspaceRoot, file))
  const repository = await GitCli.open(workspaceRoot)
  return {
    workspaceRoot,
    annotationPath,
    ports: {
      git: repository ? new ScopedGit(repository, posixRelative(repository.root, workspaceRoot)) : undefined,
      workspace: new FsWorkspace(workspaceRoot),
      logger: actionsLogger(annotationPath),
      listFilesWithoutGit: () => listFilesWithoutGit(workspaceRoot)
    }
  }
}

/** Errors name files relative to the working directory; GitHub's annotations want the checkout's root. */
export async function withAnnotationPaths<T>(checkout: Checkout, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUserError(error) && error.file !== undefined) {
      throw new UserError(error.message, { file: checkout.annotationPath(error.file), cause: error })
    }
    throw error
  }
}

function resolveWorkspace(checkoutRoot: string, workingDirectory: string): string {
  const root = resolve(checkoutRoot, workingDirectory)
  try {
    // git reports its top folder with symbolic links resolved; compare like with like.
    return realpathSync(root)
  } catch {
    throw new UserError(`input "working-directory": folder ${root} does not exist; give the folder that holds ${CONFIG_FILE}, relative to the repository`)
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/')
}
