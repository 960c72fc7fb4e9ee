import { escapeControlCharacters } from '../../core/untrusted-text.js'
import { UserError } from '../../errors.js'
import type { ListedArtifact } from '../../ports/artifact-store.js'
import { fetchOrFail } from './blob-ranges.js'

const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService'

interface ListedBackendArtifact {
  workflow_run_backend_id?: string
  workflow_job_run_backend_id?: string
  database_id?: string
  name?: string
  size?: string
  digest?: string
}

/**
 * This run's artifacts, as the results service lists them to the job's runtime token
 * (ListArtifacts, as @actions/artifact asks it): without that client, 2 MB of JavaScript, which
 * report would otherwise load only to list what it then reads with signedArtifactUrl. Every
 * upload of a name is listed, a re-run's too; the caller keeps the newest.
 */
export async function listRunArtifacts(env: NodeJS.ProcessEnv, filter: { name?: string } = {}): Promise<ListedArtifact[]> {
  const service = resultsService(env)
  const { artifacts = [] } = (await service.call('ListArtifacts', { ...service.ids, ...(filter.name === undefined ? {} : { name_filter: filter.name }) })) as {
    artifacts?: ListedBackendArtifact[]
  }
  return artifacts.flatMap((artifact) => {
    const id = Number(artifact.database_id)
    const size = Number(artifact.size ?? 0)
    if (!artifact.name || !Number.isSafeInteger(id) || !Number.isSafeInteger(size)) return []
    return [artifact.digest ? { id, name: artifact.name, size, digest: artifact.digest } : { id, name: artifact.name, size }]
  })
}

/**
 * The signed download URL of artifact `artifactId` of this run, asked of GitHub's results service
 * as @actions/artifact asks it before a download (the client keeps the call to itself): the
 * artifact's backend ids and name from ListArtifacts, then GetSignedArtifactURL. The runtime token
 * (ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL) authorises both; neither it nor the URL is shown.
 * Undefined when this run has no such artifact. A server error reads "(503)", as the store's retry expects.
 */
export async function signedArtifactUrl(env: NodeJS.ProcessEnv, artifactId: number): Promise<string | undefined> {
  const service = resultsService(env)
  const listed = (await service.call('ListArtifacts', { ...service.ids, id_filter: String(artifactId) })) as { artifacts?: ListedBackendArtifact[] }
  const artifact = listed.artifacts?.[0]
  if (!artifact?.name || !artifact.workflow_run_backend_id || !artifact.workflow_job_run_backend_id) return undefined
  const { signed_url: url } = (await service.call('GetSignedArtifactURL', {
    workflow_run_backend_id: artifact.workflow_run_backend_id,
    workflow_job_run_backend_id: artifact.workflow_job_run_backend_id,
    name: artifact.name
  })) as { signed_url?: unknown }
  if (typeof url !== 'string' || url === '') throw new Error(`GetSignedArtifactURL gave no URL for artifact ${artifactId}`)
  return url
}

/** The results service's artifact calls for this job, and the backend ids that scope them to its run. */
function resultsService(env: NodeJS.ProcessEnv): {
  call: (method: string, body: object) => Promise<unknown>
  ids: { workflow_run_backend_id: string; workflow_job_run_backend_id: string }
} {
  const token = env.ACTIONS_RUNTIME_TOKEN
  const resultsUrl = env.ACTIONS_RESULTS_URL
  if (!token || !resultsUrl) throw new Error('ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set: artifacts can only be read in a GitHub Actions job')
  const { workflowRunBackendId, workflowJobRunBackendId } = backendIds(token)
  return {
    call: (method, body) => callTwirp(new URL(`/twirp/${ARTIFACT_SERVICE}/${method}`, resultsUrl).href, token, method, body),
    ids: { workflow_run_backend_id: workflowRunBackendId, workflow_job_run_backend_id: workflowJobRunBackendId }
  }
}

async function callTwirp(url: string, token: string, method: string, body: object): Promise<unknown> {
  const response = await fetchOrFail(
    url,
    { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) },
    `Failed to ${method}`
  )
  let answer: unknown
  try {
    answer = JSON.parse(await response.text())
  } catch {
    answer = undefined
  }
  if (!response.ok) {
    const said = (answer as { msg?: unknown } | undefined)?.msg
    throw new Error(`Failed to ${method}: (${response.status})${typeof said === 'string' ? ` ${escapeControlCharacters(said.slice(0, 300))}` : ''}`)
  }
  if (answer === undefined) throw new Error(`Failed to ${method}: the results service answered with something other than JSON`)
  return answer
}

/**
 * The run's and the job's backend ids, from the runtime token's `scp` claim
 * (`Actions.Results:<run>:<job>`). The token is a JWT that only the service checks: its payload
 * is read, not verified, as @actions/artifact reads it.
 */
function backendIds(token: string): { workflowRunBackendId: string; workflowJobRunBackendId: string } {
  let claims: { scp?: unknown }
  try {
    claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { scp?: unknown }
  } catch {
    claims = {}
  }
  const scope = typeof claims.scp === 'string' ? claims.scp.split(' ').find((part) => part.startsWith('Actions.Results:')) : undefined
  const [, workflowRunBackendId, workflowJobRunBackendId, ...rest] = scope?.split(':') ?? []
  if (!workflowRunBackendId || !workflowJobRunBackendId || rest.length > 0) {
    throw new UserError('ACTIONS_RUNTIME_TOKEN has no Actions.Results scope, so this run\'s artifacts cannot be read; is this step running in a GitHub Actions job?')
  }
  return { workflowRunBackendId, workflowJobRunBackendId }
}
