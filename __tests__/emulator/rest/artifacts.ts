/**
 * Artifacts over REST: `GET /repos/{o}/{r}/actions/artifacts` and `.../actions/runs/{id}/artifacts`
 * (both newest first, paginated, `name` filter), `GET`/`DELETE .../actions/artifacts/{id}` and
 * `GET .../actions/artifacts/{id}/zip`, which answers 302 with a short-lived signed blob URL as
 * GitHub does. Artifacts come from uploads through the results service (results/artifact.ts);
 * `digest` is the `sha256:` hash the uploader reported when it finalized.
 */
import type { components } from '@octokit/openapi-types'
import { json, type Reply } from '../http.js'
import { paginate } from '../pagination.js'
import { artifactDownloadUrl } from '../results/artifact.js'
import type { ArtifactRecord, EmulatorState } from '../state.js'
import { nodeId, type Links, type RestContext } from './context.js'
import { notFound } from './errors.js'
import { repositorySummary } from './repository.js'

export type ArtifactPayload = components['schemas']['artifact']

export function artifactPayload(state: EmulatorState, links: Links, artifact: ArtifactRecord): ArtifactPayload {
  const repo = repositorySummary(state, links)
  const run = state.run(artifact.workflow_run_id)
  const url = `${repo.url}/actions/artifacts/${artifact.id}`
  return {
    id: artifact.id,
    node_id: nodeId('MDg6QXJ0aWZhY3Q', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.size_in_bytes,
    url,
    archive_download_url: `${url}/zip`,
    expired: false,
    created_at: artifact.created_at,
    updated_at: artifact.updated_at,
    expires_at: artifact.expires_at,
    digest: artifact.digest,
    workflow_run: run
      ? { id: run.id, repository_id: state.repository.id, head_repository_id: state.repository.id, head_branch: run.head_branch ?? undefined, head_sha: run.head_sha }
      : null
  }
}

function listArtifacts(context: RestContext, artifacts: ArtifactRecord[]): Reply {
  const name = context.query.get('name')
  const matching = artifacts.filter(artifact => name === null || artifact.name === name).sort((a, b) => b.id - a.id)
  const page = paginate(matching, context.url, context.links.apiUrl)
  const body = { total_count: matching.length, artifacts: page.items.map(artifact => artifactPayload(context.state, context.links, artifact)) }
  return json(200, body, page.headers)
}

export function listRepositoryArtifacts(context: RestContext): Reply {
  return listArtifacts(context, context.state.visibleArtifacts())
}

export function listRunArtifacts(context: RestContext, params: Record<string, string>): Reply {
  const runId = Number(params.run_id)
  if (!context.state.run(runId)) throw notFound()
  return listArtifacts(context, context.state.visibleArtifacts().filter(artifact => artifact.workflow_run_id === runId))
}

function findArtifact(context: RestContext, params: Record<string, string>): ArtifactRecord {
  const artifact = context.state.visibleArtifacts().find(candidate => candidate.id === Number(params.artifact_id))
  if (!artifact) throw notFound()
  return artifact
}

export function getArtifact(context: RestContext, params: Record<string, string>): Reply {
  return json(200, artifactPayload(context.state, context.links, findArtifact(context, params)))
}

export function deleteArtifact(context: RestContext, params: Record<string, string>): Reply {
  const artifact = findArtifact(context, params)
  context.state.artifacts.splice(context.state.artifacts.indexOf(artifact), 1)
  context.blobs.delete(artifact.blob)
  return { status: 204 }
}

export function downloadArtifact(context: RestContext, params: Record<string, string>): Reply {
  if (params.archive_format !== 'zip') throw notFound()
  const artifact = findArtifact(context, params)
  return { status: 302, headers: { location: artifactDownloadUrl(context.blobs, artifact, 60) } }
}
