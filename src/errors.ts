/**
 * An error the user can fix: one line that names the file, key or input and says what to do.
 * It is shown as an annotation without a stack trace. Anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  /** The repository file the error is about, for the annotation's `file` property. */
  readonly file?: string
  /** The input the error is about (an action input; on the command line, an argument or option). */
  readonly input?: string

  constructor(message: string, options: { file?: string; input?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'UserError'
    this.file = options.file
    this.input = options.input
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

/** What an error says, for a one-line report; anything thrown that is not an Error, as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
