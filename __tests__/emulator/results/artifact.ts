/**
 * ArtifactService of the results service, as @actions/artifact v6 calls it. CreateArtifact
 * returns a signed upload URL into the blob store; FinalizeArtifact makes the artifact visible
 * with the size and `sha256:` hash the client reports; ListArtifacts (`name_filter`,
 * `id_filter`), GetSignedArtifactURL and DeleteArtifact work on the token's own run. A name
 * already finalized in the run is a 409, as GitHub refuses a second artifact of the same name.
 */
import { createHash } from 'node:crypto'
import type { BlobStore } from '../blob-store.js'
import type { ArtifactRecord, EmulatorState } from '../state.js'
import { requireOwnScope, stringField, twirpFailure, type TwirpCall, type TwirpMethod } from './twirp.js'

export const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService'
const DEFAULT_RETENTION_DAYS = 90

/** A signed download URL that makes the blob store answer like GitHub's: a zip is a zip. */
export function artifactDownloadUrl(blobs: BlobStore, artifact: ArtifactRecord, ttlSeconds = 3600): string {
  const isZip = artifact.mime_type === 'application/zip'
  const fileName = isZip ? `${artifact.name}.zip` : artifact.name
  return blobs.signedUrl(artifact.blob, {
    permissions: 'r',
    contentType: artifact.mime_type,
    contentDisposition: `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    ttlSeconds
  })
}

function runArtifacts(state: EmulatorState, call: TwirpCall): ArtifactRecord[] {
  return state.visibleArtifacts().filter(artifact => artifact.workflow_run_id === call.run.id)
}

/** The newest finalized artifact of this name in the caller's run, or a Twirp not_found. */
function findByName(state: EmulatorState, call: TwirpCall): ArtifactRecord {
  const name = stringField(call.body, 'name')
  const artifact = runArtifacts(state, call)
    .filter(candidate => candidate.name === name)
    .sort((a, b) => b.id - a.id)[0]
  if (!artifact) throw twirpFailure('not_found', `artifact "${name}" not found in workflow run ${call.run.id}`)
  return artifact
}

export interface ArtifactSeed {
  runId: number
  name: string
  /** The stored bytes, as they are: a zip, or anything a hostile uploader could send. */
  content: Buffer
  /** The uploading job's backend id; `seed` when absent. */
  jobId?: string
}

/**
 * A finalized artifact whose content is exactly `seed.content`, as if a job of the run had
 * uploaded it with the real client, with the digest an honest uploader reports: its sha256.
 */
export function addArtifact(state: EmulatorState, blobs: BlobStore, seed: ArtifactSeed): ArtifactRecord {
  if (!state.run(seed.runId)) throw new Error(`workflow run ${seed.runId} has not been added: call addWorkflowRun first`)
  const id = state.nextId('artifact')
  const now = state.now()
  const record: ArtifactRecord = {
    id,
    name: seed.name,
    workflow_run_id: seed.runId,
    workflow_job_backend_id: seed.jobId ?? 'seed',
    mime_type: 'application/zip',
    size_in_bytes: seed.content.length,
    digest: `sha256:${createHash('sha256').update(seed.content).digest('hex')}`,
    finalized: true,
    blob: `artifacts/${id}`,
    created_at: state.timestamp(now),
    updated_at: state.timestamp(now),
    expires_at: state.timestamp(new Date(now.getTime() + DEFAULT_RETENTION_DAYS * 86_400_000))
  }
  blobs.put(record.blob, seed.content, record.mime_type)
  state.artifacts.push(record)
  return record
}

export function artifactService(state: EmulatorState, blobs: BlobStore): Record<string, TwirpMethod> {
  return {
    CreateArtifact(call) {
      requireOwnScope(call, { sameJob: true })
      const name = stringField(call.body, 'name')
      if (!name) throw twirpFailure('invalid_argument', 'name is required')
      if (runArtifacts(state, call).some(artifact => artifact.name === name)) {
        throw twirpFailure('already_exists', 'an artifact with this name already exists on the workflow run')
      }
      // An upload that never finalized is abandoned; its name is free again.
      const abandoned = state.artifacts.find(artifact => !artifact.finalized && artifact.workflow_run_id === call.run.id && artifact.name === name)
      if (abandoned) {
        state.artifacts.splice(state.artifacts.indexOf(abandoned), 1)
        blobs.delete(abandoned.blob)
      }
      const id = state.nextId('artifact')
      const now = state.now()
      const requestedExpiry = stringField(call.body, 'expires_at')
      const expiry = requestedExpiry ? new Date(requestedExpiry) : new Date(now.getTime() + DEFAULT_RETENTION_DAYS * 86_400_000)
      const record: ArtifactRecord = {
        id,
        name,
        workflow_run_id: call.run.id,
        workflow_job_backend_id: call.scope.jobBackendId,
        mime_type: stringField(call.body, 'mime_type') ?? 'application/zip',
        size_in_bytes: 0,
        digest: null,
        finalized: false,
        blob: `artifacts/${id}`,
        created_at: state.timestamp(now),
        updated_at: state.timestamp(now),
        expires_at: state.timestamp(expiry)
      }
      state.artifacts.push(record)
      return { ok: true, signed_upload_url: blobs.signedUrl(record.blob, { permissions: 'cw' }) }
    },

    FinalizeArtifact(call) {
      requireOwnScope(call, { sameJob: true })
      const name = stringField(call.body, 'name')
      const pending = state.artifacts.find(artifact => !artifact.finalized && artifact.workflow_run_id === call.run.id && artifact.name === name)
      if (!pending) throw twirpFailure('not_found', `no artifact "${name}" is being uploaded in workflow run ${call.run.id}`)
      if (!blobs.get(pending.blob)) throw twirpFailure('failed_precondition', `the content of artifact "${name}" was never uploaded`)
      pending.size_in_bytes = Number(stringField(call.body, 'size') ?? 0)
      pending.digest = stringField(call.body, 'hash') ?? null
      pending.finalized = true
      pending.updated_at = state.timestamp()
      return { ok: true, artifact_id: String(pending.id) }
    },

    ListArtifacts(call) {
      requireOwnScope(call, { sameJob: true })
      const nameFilter = stringField(call.body, 'name_filter')
      const idFilter = stringField(call.body, 'id_filter')
      const artifacts = runArtifacts(state, call)
        .filter(artifact => nameFilter === undefined || artifact.name === nameFilter)
        .filter(artifact => idFilter === undefined || String(artifact.id) === idFilter)
      return {
        artifacts: artifacts.map(artifact => ({
          workflow_run_backend_id: String(artifact.workflow_run_id),
          workflow_job_run_backend_id: artifact.workflow_job_backend_id,
          database_id: String(artifact.id),
          name: artifact.name,
          size: String(artifact.size_in_bytes),
          created_at: artifact.created_at,
          ...(artifact.digest === null ? {} : { digest: artifact.digest })
        }))
      }
    },

    GetSignedArtifactURL(call) {
      requireOwnScope(call, { sameJob: false })
      return { signed_url: artifactDownloadUrl(blobs, findByName(state, call)) }
    },

    DeleteArtifact(call) {
      requireOwnScope(call, { sameJob: false })
      const artifact = findByName(state, call)
      state.artifacts.splice(state.artifacts.indexOf(artifact), 1)
      blobs.delete(artifact.blob)
      return { ok: true, artifact_id: String(artifact.id) }
    }
  }
}
