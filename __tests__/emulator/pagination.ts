/**
 * GitHub's page-number pagination: `per_page` (default 30, at most 100) and `page` (from 1), with
 * a `Link` header carrying `next`/`last` and `prev`/`first` URLs that keep the other query
 * parameters, which is what octokit's `paginate` follows.
 */

export interface PageOptions {
  /** Only the first `cap` items can be listed at all (e.g. 3000 files of a pull request). */
  cap?: number
}

export interface Page<T> {
  items: T[]
  /** Headers to add to the reply (`link` when there is more than one page). */
  headers: Record<string, string>
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10)
  return Number.isFinite(parsed) && parsed >= 1 ? parsed : fallback
}

/** `apiUrl` is the origin the client called, so the Link URLs point back at the emulator. */
export function paginate<T>(all: readonly T[], url: URL, apiUrl: string, options: PageOptions = {}): Page<T> {
  const listable = options.cap === undefined ? all : all.slice(0, options.cap)
  const perPage = Math.min(positiveInt(url.searchParams.get('per_page'), 30), 100)
  const page = positiveInt(url.searchParams.get('page'), 1)
  const lastPage = Math.max(1, Math.ceil(listable.length / perPage))
  const items = listable.slice((page - 1) * perPage, page * perPage)

  const linkTo = (target: number, rel: string): string => {
    const link = new URL(url.pathname + url.search, apiUrl)
    link.searchParams.set('page', String(target))
    return `<${link.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(linkTo(Math.min(page - 1, lastPage), 'prev'))
  if (page < lastPage) links.push(linkTo(page + 1, 'next'), linkTo(lastPage, 'last'))
  if (page > 1) links.push(linkTo(1, 'first'))
  return { items, headers: links.length > 0 ? { link: links.join(', ') } : {} }
}
