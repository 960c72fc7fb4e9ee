import { UserError } from '../errors.js'
import type { Model } from './models.js'

/**
 * Events whose runs train every model when the `models` input is empty: a manual run's form and a
 * schedule, where "everything" is what a run with no choice made means.
 */
const EMPTY_MEANS_ALL = new Set(['workflow_dispatch', 'schedule'])

/**
 * Reads the `models` selection of a run without changes to diff (workflow_dispatch, schedule, and
 * any other event that is not a push or pull request: release, workflow_run, repository_dispatch,
 * ...): "all", or model names separated by commas, spaces or newlines. An unknown name is an error
 * that lists the known ones. Empty means every model only on `EMPTY_MEANS_ALL` events: anywhere
 * else nobody chose, and training everything unasked is no answer.
 */
export function selectModels(selection: string, models: readonly Model[], request: { input: string; shownAs?: string; event: string }): Model[] {
  const { input, event } = request
  // Where the selection was written, in the words of the platform: an action input, a CLI option, a variable.
  const shownAs = request.shownAs ?? `input "${input}"`
  const names = selection.split(/[\s,]+/).filter((name) => name.length > 0)
  if (names.length === 0 && !EMPTY_MEANS_ALL.has(event)) {
    throw new UserError(
      `${shownAs} is empty, and a ${event} event has no changes to pick models from; set it to "all" or to the models to train, separated by commas, spaces or newlines (only workflow_dispatch and schedule runs train every model when it is empty)`,
      { input }
    )
  }
  if (names.length === 0 || (names.length === 1 && names[0].toLowerCase() === 'all')) return [...models]
  const byName = new Map(models.map((model) => [model.name, model]))
  const unknown = names.filter((name) => !byName.has(name))
  if (unknown.length > 0) {
    const known = models.map((model) => model.name)
    const shown = known.length > 50 ? `${known.slice(0, 50).join(', ')} and ${known.length - 50} more` : known.join(', ')
    throw new UserError(
      `${shownAs}: unknown model${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => JSON.stringify(n)).join(', ')}; use "all" or names of known models: ${shown || '(none found)'}`,
      { input }
    )
  }
  return [...new Set(names)].map((name) => byName.get(name) as Model)
}
