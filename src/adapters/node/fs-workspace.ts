import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Workspace } from '../../ports/workspace.js'

export class FsWorkspace implements Workspace {
  constructor(readonly root: string) {}

  readText(path: string): string | undefined {
    try {
      return readFileSync(join(this.root, path), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
        return undefined
      }
      throw error
    }
  }
}
