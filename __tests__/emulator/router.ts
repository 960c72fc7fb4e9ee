/**
 * A route table for path templates like `/repos/:owner/:repo/pulls/:pull_number`. A parameter
 * matches one path segment; one named `*_id` or `*_number` must be all digits, so
 * `/issues/comments/1` and `/issues/1/comments` never shadow each other.
 */
import type { Reply } from './http.js'

export interface RouteOptions {
  /** The route changes state: tokens with read permission get 403. */
  write?: boolean
}

export interface Route<C> {
  method: string
  template: string
  options: RouteOptions
  handler: (context: C, params: Record<string, string>) => Reply
}

interface CompiledRoute<C> extends Route<C> {
  pattern: RegExp
  names: string[]
}

export interface RouteMatch<C> {
  route: Route<C>
  params: Record<string, string>
}

function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = []
  const source = template
    .split('/')
    .map(segment => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const name = segment.slice(1)
      names.push(name)
      return /_(id|number)$/.test(name) ? '(\\d+)' : '([^/]+)'
    })
    .join('/')
  return { pattern: new RegExp(`^${source}/?$`), names }
}

export class Router<C> {
  private readonly routes: CompiledRoute<C>[] = []

  add(method: string, template: string, handler: Route<C>['handler'], options: RouteOptions = {}): this {
    this.routes.push({ method, template, handler, options, ...compile(template) })
    return this
  }

  match(method: string, path: string): RouteMatch<C> | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue
      const found = route.pattern.exec(path)
      if (!found) continue
      const params: Record<string, string> = {}
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '')
      })
      return { route, params }
    }
    return undefined
  }
}
