// Stands in for undici where @actions/github and its copy of @actions/http-client import it (see
// lazyUndiciForGitHub in ../bundle.mjs). The API client sends every request through undici's
// fetch, 0.8 MB of JavaScript that detect would parse for the few requests that read the ledger.
// Node's own fetch is undici too, built into Node: it sends the requests, and the package is
// loaded only for a request through a proxy, which needs its ProxyAgent.

let loading

function loadUndici() {
  loading ??= import('undici')
  return loading
}

/**
 * What @actions/http-client makes for a proxy (`new ProxyAgent(options)`, when the client is made):
 * the options, for undici's own ProxyAgent made on the first request through it.
 */
export class ProxyAgent {
  #options
  #real

  constructor(options) {
    this.#options = options
  }

  async real() {
    const undici = await loadUndici()
    this.#real ??= new undici.ProxyAgent(this.#options)
    return this.#real
  }
}

/** fetch as @actions/github calls it: with a `dispatcher` only for a proxy. */
export async function fetch(input, init) {
  const dispatcher = init?.dispatcher
  if (dispatcher === undefined) return globalThis.fetch(input, init)
  const undici = await loadUndici()
  return undici.fetch(input, { ...init, dispatcher: dispatcher instanceof ProxyAgent ? await dispatcher.real() : dispatcher })
}
