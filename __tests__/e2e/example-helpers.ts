// What the suites that run examples/ml-project's own workflow share: the example as a repository
// holds it, a file out of an artifact's zip, and a pull request opened and merged as GitHub would.
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pullRequestEvent } from '../../__fixtures__/events.js'
import type { ArtifactRecord, Emulator } from '../emulator/index.js'
import type { FileChanges, GitOrigin, PullRequestRefs } from '../harness/git-repo.js'
import { ACTION_ROOT } from '../harness/job-runner.js'
import { TEST_PYTHON } from '../harness/python.js'

export const EXAMPLE = join(ACTION_ROOT, 'examples', 'ml-project')
export const EXAMPLE_WORKFLOW = join(EXAMPLE, '.github', 'workflows', 'model-ci.yml')
/** What a checkout would not hold: outputs of local runs, caches, local-mode records. */
export const UNTRACKED = new Set(['outputs', '__pycache__', '.model-ci', 'endpoints', '.pytest_cache'])
const FRAUD_TRAIN = 'models/fraud/src/train.py'

/** The fraud model's training with another L2 regularization strength: a real change of its metrics. */
export function fraudWithAlpha(alpha: string): FileChanges {
  const source = readFileSync(join(EXAMPLE, FRAUD_TRAIN), 'utf8')
  const changed = source.replace(/alpha=[0-9.]+/, `alpha=${alpha}`)
  if (changed === source) throw new Error(`${FRAUD_TRAIN} no longer sets alpha=: choose another change for the pull request`)
  return { [FRAUD_TRAIN]: changed }
}

/** A file inside an artifact's zip, as GitHub stores it (Python's zipfile reads it: no zip library here). */
export async function artifactFile(gh: Emulator, tempDir: string, artifact: ArtifactRecord, path: string): Promise<string> {
  const bytes = gh.blob(artifact.blob)
  if (!bytes) throw new Error(`artifact ${artifact.name} has no stored content`)
  const zip = join(tempDir, `artifact-${artifact.id}.zip`)
  writeFileSync(zip, bytes)
  return new Promise((resolve, reject) => {
    execFile(TEST_PYTHON, ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', zip, path], (error, stdout, stderr) =>
      error ? reject(new Error(`${artifact.name}/${path}: ${stderr}`)) : resolve(stdout)
    )
  })
}

/**
 * Opens pull request `number` from a new branch with `changes` committed on main's tip: the
 * branch, GitHub's refs and the emulator's pull request. Returns the refs and the event payload.
 */
export async function openPullRequest(
  gh: Emulator,
  origin: GitOrigin,
  request: { number: number; branch: string; changes: FileChanges; message: string }
): Promise<{ refs: PullRequestRefs; event: { name: string; payload: Record<string, unknown> } }> {
  const { number, branch } = request
  const base = await origin.revParse('main')
  await origin.createBranch(branch, 'main')
  await origin.commit(branch, request.changes, { message: request.message })
  const refs = await origin.pullRequest(number, 'main', branch)
  gh.addPullRequest({
    number,
    head: { sha: refs.headSha, ref: branch },
    base: { sha: base, ref: 'main' },
    files: (await origin.pullRequestFiles('main', branch)).map((file) => ({ filename: file.filename, status: file.status }))
  })
  const payload = pullRequestEvent({ number, base: { ref: 'main', sha: refs.baseSha }, head: { ref: branch, sha: refs.headSha }, mergeCommitSha: refs.mergeSha })
  return { refs, event: { name: 'pull_request', payload } }
}

/** "Create a merge commit": main moves to GitHub's test-merge commit of the pull request, which is closed as merged. */
export async function mergePullRequest(gh: Emulator, origin: GitOrigin, number: number, refs: PullRequestRefs): Promise<void> {
  await origin.resetBranch('main', refs.mergeSha)
  Object.assign(gh.state.pull(number) as object, { state: 'closed', merged: true, merge_commit_sha: refs.mergeSha })
}
