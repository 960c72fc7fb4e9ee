// What the `version` input of `promote` asks for. Pure.

/** A version label as `train` writes it (core/manifest.ts, versionLabel): the run id follows "-r". */
const VERSION_LABEL = /^\d{4}\.\d{2}\.\d{2}-\d{6}-[0-9a-f]{7}-r([1-9]\d{0,15})(?:\.a[1-9]\d{0,5})?$/
const DIGITS = /^[1-9]\d{0,15}$/
const COMMIT = /^[0-9a-f]{7,40}$/

export type VersionRequest =
  | { kind: 'latest' }
  | { kind: 'previous' }
  /** Digits: a run id, or, when no run has that id, a commit sha (a short one may be all digits). */
  | { kind: 'run'; runId: number; orCommit?: string }
  | { kind: 'commit'; sha: string }
  | { kind: 'label'; label: string; runId: number }

/** The request `text` makes, or undefined when it is none of the forms `version` takes. */
export function parseVersionRequest(text: string): VersionRequest | undefined {
  const version = text.trim()
  if (version === 'latest' || version === '') return { kind: 'latest' }
  if (version === 'previous') return { kind: 'previous' }
  const label = VERSION_LABEL.exec(version)
  if (label) return { kind: 'label', label: version, runId: Number(label[1]) }
  if (DIGITS.test(version) && Number.isSafeInteger(Number(version))) {
    return COMMIT.test(version) ? { kind: 'run', runId: Number(version), orCommit: version } : { kind: 'run', runId: Number(version) }
  }
  const lower = version.toLowerCase()
  if (COMMIT.test(lower)) return { kind: 'commit', sha: lower }
  return undefined
}

/** What `version` may be, for errors. */
export const VERSION_FORMS = 'a run id, a commit sha (7 to 40 hex digits), a version label such as 2026.11.27-100000-3f2a9c1-r812, latest or previous'
