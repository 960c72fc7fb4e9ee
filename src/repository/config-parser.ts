import type * as parser from '../core/config/parse.js'

export type ConfigParser = typeof parser

let loading: Promise<ConfigParser> | undefined

/**
 * The parser of model-ci.yml and model.yml. It brings js-yaml and the config schemas, a good part
 * of detect's start-up, so it is loaded on first use, or when a command knows it will need it and
 * git is busy, rather than with the command.
 */
export function loadConfigParser(): Promise<ConfigParser> {
  if (!loading) {
    loading = import('../core/config/parse.js')
    // A caller may start the load without waiting for it; whoever waits sees a failure.
    loading.catch(() => undefined)
  }
  return loading
}
