// What `report` hands the renderers: every model's comparison, where its baseline came from, and
// the run. Plain data; the renderers escape every piece of it that a user or an artifact wrote.
import type { ModelComparison } from '../compare.js'
import type { Failure } from '../manifest.js'

export type BaselineSource =
  | {
      kind: 'ledger'
      runId: number
      runUrl: string
      sha: string
      /**
       * 'merge-base': the ledger of the merge-base itself; 'ancestor': of an older commit
       * `commitsBefore` commits before it; 'newest': no ledger in the merge-base's history, so
       * the newest one on the branch.
       */
      match: 'merge-base' | 'ancestor' | 'newest'
      commitsBefore?: number
    }
  /** A metrics file committed at the base. */
  | { kind: 'committed-file'; sha: string; path: string }
  | { kind: 'none' }

export interface ReportHead {
  version: string
  sha: string
  runId: number
  artifactName: string
  artifactId?: number
  failure: Failure | null
  runCache: 'hit' | 'miss' | 'off'
  /** The training's MLflow run page, or why MLflow was skipped; absent when MLflow is off. From the manifest: untrusted. */
  mlflow?: { url: string } | { skipped: string }
}

export interface ReportModel {
  comparison: ModelComparison
  baseline: BaselineSource
  /** The baseline ledger entry's version. */
  baseVersion?: string
  /** This run's training of the model; absent for missing and removed models. */
  head?: ReportHead
  /** Link for this model's job log / run page (failed and missing models link here). */
  logUrl?: string
  /**
   * Why the model's artifact gave no result (no manifest, an invalid one, another model's, a
   * failed download), shown in the model's section. Untrusted text: the renderers escape and cut it.
   */
  problem?: string
  /**
   * The model's recent trainings on the default branch (from the ledgers), oldest first: the
   * points of its trend charts before this run's. From artifacts: untrusted.
   */
  trainings?: { sha: string; metrics: Record<string, number> }[]
}

export interface ReportDocument {
  /** The workflow's name, shown in the title ("model-ci report — <workflow>"). */
  workflow: string
  run: { id: number; url: string; sha: string; artifactsUrl?: string }
  /** The merge-base (PR) or the push's before; what the baseline was looked up for. */
  baseSha?: string
  models: ReportModel[]
  /** The x-axis label of this run's point in the trend charts: "PR" in a pull request. Default "this run". */
  headLabel?: string
  /** Extra lines the command wants shown. Plain text, escaped by the renderer. */
  notes: string[]
}
