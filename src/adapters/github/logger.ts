import * as core from '@actions/core'
import type { Logger } from '../../ports/logger.js'

/**
 * The Logger port on a GitHub runner: the job log, annotations and collapsible groups.
 * `annotationPath` turns a workspace-relative file into the repository-relative path that GitHub
 * expects in an annotation.
 */
export function actionsLogger(annotationPath: (file: string) => string = (file) => file): Logger {
  return {
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    warning: (message, properties) =>
      core.warning(message, {
        title: properties?.title,
        file: properties?.file === undefined ? undefined : annotationPath(properties.file)
      }),
    group: (title, work) => core.group(title, work)
  }
}
