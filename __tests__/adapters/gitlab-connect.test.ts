/** The GitLab adapters wired from a GitLab job's variables, end to end against the emulator. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { connectGitLab } from '../../src/adapters/gitlab/connect.js'
import { UserError } from '../../src/errors.js'
import { startGitLabEmulator, type GitLabEmulator } from '../gitlab-emulator/index.js'
import { tempDir, type TempDir } from '../emulator/test-support.js'

let gl: GitLabEmulator
let temp: TempDir
beforeAll(async () => {
  gl = await startGitLabEmulator({ projectId: 7, projectPath: 'acme/models' })
  temp = await tempDir('gl-connect')
})
afterAll(async () => {
  await gl.close()
  await temp.remove()
})

function jobEnv(pipelineId: number, extra: Record<string, string> = {}) {
  return {
    CI_API_V4_URL: gl.apiUrl,
    CI_PROJECT_ID: '7',
    CI_PROJECT_URL: gl.projectUrl,
    CI_PIPELINE_ID: String(pipelineId),
    CI_JOB_TOKEN: gl.addJobToken(pipelineId),
    CI_DEFAULT_BRANCH: 'main',
    ...extra
  }
}

describe('connectGitLab', () => {
  it('names every missing variable, and never a token', () => {
    const error = (() => {
      try {
        connectGitLab({ CI_JOB_TOKEN: 'secret-job-token', CI_PROJECT_ID: '7' }, { info: () => undefined, warning: () => undefined })
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).toBe(
      'GitLab CI variables CI_API_V4_URL, CI_PIPELINE_ID, CI_PROJECT_URL, CI_DEFAULT_BRANCH are not set: run model-ci inside a GitLab CI job (GITLAB_CI=true), or set them'
    )
  })

  it('uploads with the job token alone; reading pipelines and writing notes need MODEL_CI_GITLAB_TOKEN, which GitLab does not open to CI_JOB_TOKEN', async () => {
    const pipeline = gl.addPipeline({ sha: 'a'.repeat(40), ref: 'main', source: 'push' })
    const adapters = connectGitLab(jobEnv(pipeline.id), { info: () => undefined, warning: () => undefined }, { retryDelayMs: 5 })
    expect(adapters.notes).toBeUndefined()
    const root = join(temp.path, 'fraud')
    await mkdir(join(root, 'outputs'), { recursive: true })
    await writeFile(join(root, 'manifest.json'), JSON.stringify({ version: `2026.12.05-080000-aaaaaaa-r${pipeline.id}` }))
    await writeFile(join(root, 'outputs', 'model.pkl'), 'weights')
    const stored = await adapters.artifacts.upload('model-ci-fraud', root, [join(root, 'manifest.json'), join(root, 'outputs', 'model.pkl')], { compressionLevel: 0 })
    const needsToken = /needs MODEL_CI_GITLAB_TOKEN: GitLab does not let CI_JOB_TOKEN read the pipelines API\. Set MODEL_CI_GITLAB_TOKEN to a project access token with the api scope, as a masked CI\/CD variable$/
    await expect(adapters.artifacts.list()).rejects.toThrow(needsToken)
    await expect(adapters.runs.get(pipeline.id)).rejects.toThrow(needsToken)
    // Nothing was asked of the pipelines API with the job token: GitLab would refuse it.
    expect(gl.requests.filter((request) => request.path.includes('/pipelines'))).toEqual([])

    const reading = connectGitLab(jobEnv(pipeline.id, { MODEL_CI_GITLAB_TOKEN: gl.projectToken }), { info: () => undefined, warning: () => undefined }, { retryDelayMs: 5 })
    expect(await reading.artifacts.list()).toEqual([stored])
    expect(await reading.runs.get(pipeline.id)).toMatchObject({ event: 'push', headBranch: 'main' })
    const id = await adapters.deployments.create('staging', { model: 'fraud', version: `2026.12.05-080000-aaaaaaa-r${pipeline.id}`, digest: stored.digest, run_id: pipeline.id, sha: 'a'.repeat(40), metrics: {} }, 'x')
    await adapters.deployments.setStatus(id, 'success', {})
    expect((await adapters.deployments.list('staging', { limit: 5, creators: [] }))[0]).toMatchObject({ deploymentId: id, state: 'success' })

    gl.addMergeRequest(9)
    const withToken = connectGitLab(jobEnv(pipeline.id, { MODEL_CI_GITLAB_TOKEN: gl.projectToken, CI_MERGE_REQUEST_IID: '9' }), { info: () => undefined, warning: () => undefined })
    const note = await withToken.notes!.createComment(9, 'report')
    expect(note.url).toBe(`${gl.projectUrl}/-/merge_requests/9#note_${note.id}`)
  })
})
