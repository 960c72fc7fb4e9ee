/**
 * Fault injection: rules that make matching requests fail the way GitHub and its storage fail,
 * so tests can prove the clients recover. A rule fires on every matching request until it has
 * fired `times` times; with `ratio` it fires on that fraction of matches, drawn from a seeded
 * generator per rule, so a test sending the same requests sees the same faults every run.
 */

export type ServerErrorStatus = 500 | 502 | 503 | 504

export type Fault =
  /** A server error; the body follows the surface (GitHub JSON, Twirp error, Azure XML). */
  | { status: ServerErrorStatus }
  /** GitHub's secondary rate limit: `retry-after` seconds and the "secondary rate limit" message. */
  | { status: 429 | 403; retryAfter: number; tooManyRequests?: never }
  /**
   * A 429 "Too Many Requests" without GitHub's rate-limit words or headers, as a proxy in front
   * of GitHub or GitHub Enterprise Server sends it: `retry-after` in seconds or as an HTTP date
   * when given, nothing when absent.
   */
  | { status: 429; tooManyRequests: true; retryAfter?: number | string }
  /** GitHub's primary rate limit: `x-ratelimit-remaining: 0`, reset `resetAfter` seconds from now (default 1). */
  | { status: 403 | 429; rateLimit: true; resetAfter?: number }
  /** Answer normally, but only after this many milliseconds. */
  | { delayMs: number }
  /** Read the request, then destroy the socket without answering. */
  | { drop: true }
  /** Answer as storage that does not serve byte ranges: the Range headers are dropped before the request is handled. */
  | { ignoreRange: true }

export interface FaultRule {
  /** Upper-case HTTP method; any method when absent. */
  method?: string
  /** Matched against the URL path (no query): a string must equal it, a RegExp must match it. */
  path: string | RegExp
  /**
   * Matched against the request's parsed body (JSON, or the text of XML and text bodies; see
   * RecordedRequest.body): the rule applies only where it returns true, as when one artifact's
   * CreateArtifact (`{ name: ... }`) is to fail among the uploads of jobs running at once.
   */
  body?: (body: unknown) => boolean
  /** How many times the rule fires before it retires; unlimited when absent. */
  times?: number
  /** Probability (0..1) that a matching request is faulted; every match when absent. */
  ratio?: number
  fault: Fault
}

export interface InjectedFault {
  /** How many requests this rule has faulted so far. */
  readonly hits: number
  remove(): void
}

/** mulberry32: a tiny, good-enough PRNG whose sequence depends only on its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface ActiveRule {
  rule: FaultRule
  random: () => number
  hits: number
}

export class FaultInjector {
  private rules: ActiveRule[] = []
  private added = 0

  constructor(private readonly seed: number) {}

  inject(rule: FaultRule): InjectedFault {
    if (rule.ratio !== undefined && !(rule.ratio >= 0 && rule.ratio <= 1)) {
      throw new RangeError(`fault ratio must be between 0 and 1, got ${rule.ratio}`)
    }
    this.added += 1
    const active: ActiveRule = { rule, random: seededRandom(this.seed * 7919 + this.added), hits: 0 }
    this.rules.push(active)
    return {
      get hits() {
        return active.hits
      },
      remove: () => {
        this.rules = this.rules.filter(candidate => candidate !== active)
      }
    }
  }

  clear(): void {
    this.rules = []
  }

  /** The fault for this request, if a rule fires; the first matching live rule decides. */
  take(method: string, path: string, body?: unknown): Fault | undefined {
    for (const active of this.rules) {
      const { rule } = active
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue
      if (typeof rule.path === 'string' ? rule.path !== path : !rule.path.test(path)) continue
      if (rule.body !== undefined && !rule.body(body)) continue
      if (rule.times !== undefined && active.hits >= rule.times) continue
      if (rule.ratio !== undefined && active.random() >= rule.ratio) return undefined
      active.hits += 1
      return rule.fault
    }
    return undefined
  }
}
