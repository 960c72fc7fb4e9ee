// A log kept aside while a model trains beside others, then written out in one piece. GitHub's log
// viewer folds a `::group::` up to the next `::endgroup::`, whoever wrote it, and groups do not
// nest: two trainings writing at once would fold into each other's groups and interleave their
// lines. Kept aside, each training's log reads as it would alone (its groups, its warnings), just
// written when it ends. Pure: the lines are held in memory, bounded (see BufferedLog).
import type { Logger } from '../ports/logger.js'

type Line = { kind: 'info' | 'debug'; message: string }
type Entry =
  | Line
  | { kind: 'warning'; message: string; properties?: { file?: string; title?: string } }
  | { kind: 'group'; group: Container }

/** The lines at one level: the log's top, or a group's. */
interface Container {
  title: string
  entries: Entry[]
  /** Lines past the bound: the last TAIL_LINES of them are kept, the others only counted. */
  tail: Line[]
  omitted: number
}

/** What the logs of all trainings at once may hold together: about 600,000 lines of 80 characters. */
export const BUFFERED_LOGS_CHARS = 50_000_000
/** Of the lines past the bound, the last ones of each group are kept: where a failure says why. */
const TAIL_LINES = 200

/**
 * A Logger that keeps what it is told, for `writeTo` to tell another Logger later, in the same
 * order and groups. Warnings are always kept; past `limitChars` of info and debug lines, each
 * group keeps its first lines and its last TAIL_LINES, and says how many it left out between.
 */
export class BufferedLog {
  private readonly root: Container = emptyContainer('')
  private current: Container = this.root
  private chars = 0

  constructor(private readonly limitChars: number) {}

  readonly logger: Logger = {
    info: (message) => this.line('info', message),
    debug: (message) => this.line('debug', message),
    warning: (message, properties) => {
      this.current.entries.push({ kind: 'warning', message, properties })
    },
    group: async (title, work) => {
      const outer = this.current
      const group = emptyContainer(title)
      outer.entries.push({ kind: 'group', group })
      this.current = group
      try {
        return await work()
      } finally {
        this.current = outer
      }
    }
  }

  /** Tells `logger` everything kept, in order, each group as a group of its own. */
  async writeTo(logger: Logger): Promise<void> {
    await writeContainer(logger, this.root, this.limitChars)
  }

  private line(kind: 'info' | 'debug', message: string): void {
    this.chars += message.length
    if (this.chars <= this.limitChars) {
      this.current.entries.push({ kind, message })
      return
    }
    const container = this.current
    container.omitted++
    container.tail.push({ kind, message })
    if (container.tail.length > TAIL_LINES) container.tail.shift()
  }
}

function emptyContainer(title: string): Container {
  return { title, entries: [], tail: [], omitted: 0 }
}

async function writeContainer(logger: Logger, container: Container, limitChars: number): Promise<void> {
  for (const entry of container.entries) {
    if (entry.kind === 'group') await logger.group(entry.group.title, () => writeContainer(logger, entry.group, limitChars))
    else if (entry.kind === 'warning') logger.warning(entry.message, entry.properties)
    else logger[entry.kind](entry.message)
  }
  const left = container.omitted - container.tail.length
  if (left > 0) logger.info(`… ${left} lines not shown: a model training beside others has its log kept until it ends, up to ${limitChars} characters, then the last ${TAIL_LINES} lines of each part …`)
  for (const line of container.tail) logger[line.kind](line.message)
}
