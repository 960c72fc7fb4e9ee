import { UserError } from '../errors.js'
import type { Model } from './models.js'

/**
 * Reads the `models` selection of a manual run: "all", or model names separated by commas,
 * spaces or newlines. An unknown name is an error that lists the known ones.
 */
export function selectModels(selection: string, models: readonly Model[], inputName: string): Model[] {
  const names = selection.split(/[\s,]+/).filter((name) => name.length > 0)
  if (names.length === 0 || (names.length === 1 && names[0].toLowerCase() === 'all')) return [...models]
  const byName = new Map(models.map((model) => [model.name, model]))
  const unknown = names.filter((name) => !byName.has(name))
  if (unknown.length > 0) {
    const known = models.map((model) => model.name)
    const shown = known.length > 50 ? `${known.slice(0, 50).join(', ')} and ${known.length - 50} more` : known.join(', ')
    throw new UserError(
      `input "${inputName}": unknown model${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => JSON.stringify(n)).join(', ')}; use "all" or names of known models: ${shown || '(none found)'}`,
      { input: inputName }
    )
  }
  return [...new Set(names)].map((name) => byName.get(name) as Model)
}
