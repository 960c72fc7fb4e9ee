/**
 * The files a command works with beside the committed checkout: a model's outputs and metrics
 * file, the artifact's staging folder, venvs, scratch folders for downloads. Paths are absolute.
 * Asynchronous, because a command removes a large downloaded folder while other downloads run.
 */
export interface FileSystem {
  /** The size of the regular file at `path`, or undefined when there is none. */
  fileSize(path: string): Promise<number | undefined>
  exists(path: string): Promise<boolean>
  readText(path: string): Promise<string>
  /** The file's bytes in chunks, for uploading a model of any size without holding it in memory. */
  readStream(path: string): AsyncIterable<Uint8Array>
  writeText(path: string, text: string): Promise<void>
  /** Makes the folder and its parents; nothing when it exists. */
  makeDir(path: string): Promise<void>
  /** Removes a file or a folder with everything in it; nothing when there is none. */
  remove(path: string): Promise<void>
  /** Makes `path` a symbolic link to the folder `target`. */
  linkDir(target: string, path: string): Promise<void>
  /**
   * Runs `work` in a new empty folder under `parent` (made when missing), named `<prefix>` and a
   * random suffix, so that jobs sharing `parent` (self-hosted runners) never meet; removes the
   * folder afterwards, whether `work` succeeded or not.
   */
  inTempDir<T>(parent: string, prefix: string, work: (dir: string) => Promise<T>): Promise<T>
}
