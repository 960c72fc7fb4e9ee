/** The checked-out files of the folder that holds model-ci.yml (paths relative to it, posix). */
export interface Workspace {
  /** Absolute path of the folder. */
  readonly root: string
  /** The file's text, or undefined when it does not exist. */
  readText(path: string): string | undefined
}
