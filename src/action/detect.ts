import * as core from '@actions/core'
import { realpathSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { readRunContext } from '../adapters/github/event-context.js'
import type { CommonInputs } from '../adapters/github/inputs.js'
import { getDetectInputs } from '../adapters/github/inputs.js'
import { actionsLogger } from '../adapters/github/logger.js'
import { GitCli } from '../adapters/git/git-cli.js'
import { listFilesWithoutGit } from '../adapters/local/fs-listing.js'
import { FsWorkspace } from '../adapters/local/fs-workspace.js'
import { assertMatrixFits, detect } from '../commands/detect/detect.js'
import type { DetectResult } from '../commands/detect/detect.js'
import { ScopedGit } from '../commands/scoped-git.js'
import { CONFIG_FILE, Outputs } from '../constants.js'
import { isUserError, UserError } from '../errors.js'

/** `command: detect` on a GitHub runner. */
export async function runDetectAction(common: CommonInputs): Promise<void> {
  const inputs = getDetectInputs(common)
  const checkoutRoot = realpathOrSelf(process.env.GITHUB_WORKSPACE || process.cwd())
  const workspaceRoot = resolveWorkspace(checkoutRoot, inputs.workingDirectory)
  const annotationPath = (file: string) => posixRelative(checkoutRoot, join(workspaceRoot, file))
  const context = readRunContext(process.env, inputs.defaultBranch)
  const repository = await GitCli.open(workspaceRoot)
  const git = repository ? new ScopedGit(repository, posixRelative(repository.root, workspaceRoot)) : undefined
  const result = await withAnnotationPaths(annotationPath, () => detect(
    {
      git,
      workspace: new FsWorkspace(workspaceRoot),
      logger: actionsLogger(annotationPath),
      listFilesWithoutGit: () => listFilesWithoutGit(workspaceRoot),
      pullRequestFiles: async () => {
        const { createGitHubClient } = await import('../adapters/github/octokit.js')
        const { GitHubPullRequestFiles } = await import('../adapters/github/pull-request-files.js')
        return new GitHubPullRequestFiles(createGitHubClient(inputs.token), context.repository)
      }
    },
    { context, models: inputs.models, configFile: inputs.configFile }
  ))
  setDetectOutputs(result)
  await core.summary.addRaw(result.summary).write()
  core.info(`${result.models.length} model(s) to train${listed(result.models)}`)
  if (result.deleted.length > 0) core.info(`${result.deleted.length} deleted${listed(result.deleted)}`)
  assertMatrixFits(result)
}

function setDetectOutputs(result: DetectResult): void {
  // Past GitHub's matrix limit there is no matrix; the other outputs still tell the truth.
  if (result.matrix) core.setOutput(Outputs.Matrix, JSON.stringify(result.matrix))
  core.setOutput(Outputs.Models, JSON.stringify(result.models))
  core.setOutput(Outputs.HasModels, result.models.length > 0 ? 'true' : 'false')
  core.setOutput(Outputs.Deleted, JSON.stringify(result.deleted))
  core.setOutput(Outputs.BaseSha, result.baseSha)
  core.setOutput(Outputs.HeadSha, result.headSha)
}

/** Names for the log, cut short: the outputs and the summary hold them all. */
function listed(names: readonly string[]): string {
  const shown = 20
  if (names.length === 0) return ''
  return `: ${names.slice(0, shown).join(', ')}${names.length > shown ? ` and ${names.length - shown} more` : ''}`
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

/** Errors name files relative to the working directory; GitHub's annotations want the checkout's root. */
async function withAnnotationPaths<T>(annotationPath: (file: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUserError(error) && error.file !== undefined) {
      throw new UserError(error.message, { file: annotationPath(error.file), cause: error })
    }
    throw error
  }
}
