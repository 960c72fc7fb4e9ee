// Links in the report. URLs come from the run's context, not from artifacts, but a Markdown link
// is only written for a plain http(s) URL: anything else shows as text, so a URL can never close
// the link or smuggle in markup.

const SAFE_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9\-._~%!$&*+,;=:@/?#]*)?$/

export function isSafeUrl(url: string | undefined): url is string {
  return url !== undefined && SAFE_URL.test(url)
}

/** `[text](url)`, or `text` alone when the URL is not a plain http(s) URL. `text` must be Markdown already. */
export function link(text: string, url: string | undefined): string {
  return isSafeUrl(url) ? `[${text}](${url})` : text
}

/** The repository's web address, from a run URL such as https://github.com/o/r/actions/runs/812. */
function repositoryUrl(runUrl: string): string | undefined {
  const match = /^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/actions\/runs\/\d+/.exec(runUrl)
  return match !== null && isSafeUrl(match[1]) ? match[1] : undefined
}

export function commitUrl(runUrl: string, sha: string): string | undefined {
  const repository = repositoryUrl(runUrl)
  return repository !== undefined && /^[0-9a-f]{7,64}$/.test(sha) ? `${repository}/commit/${sha}` : undefined
}

export function artifactUrl(runUrl: string, runId: number, artifactId: number | undefined): string | undefined {
  const repository = repositoryUrl(runUrl)
  if (repository === undefined || artifactId === undefined || !Number.isSafeInteger(runId) || !Number.isSafeInteger(artifactId)) return undefined
  return `${repository}/actions/runs/${runId}/artifacts/${artifactId}`
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7)
}
