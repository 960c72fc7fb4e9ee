import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileSystem } from '../../ports/file-system.js'

/** The FileSystem port over Node's fs, the same on every platform. */
export class NodeFileSystem implements FileSystem {
  async fileSize(path: string): Promise<number | undefined> {
    const stats = await stat(path).catch(() => undefined)
    return stats?.isFile() ? stats.size : undefined
  }

  async exists(path: string): Promise<boolean> {
    return (await stat(path).catch(() => undefined)) !== undefined
  }

  readText(path: string): Promise<string> {
    return readFile(path, 'utf8')
  }

  readStream(path: string): AsyncIterable<Uint8Array> {
    return createReadStream(path, { highWaterMark: 1024 * 1024 })
  }

  writeText(path: string, text: string): Promise<void> {
    return writeFile(path, text)
  }

  async makeDir(path: string): Promise<void> {
    await mkdir(path, { recursive: true })
  }

  remove(path: string): Promise<void> {
    return rm(path, { recursive: true, force: true })
  }

  linkDir(target: string, path: string): Promise<void> {
    return symlink(target, path, 'dir')
  }

  async inTempDir<T>(parent: string, prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
    await mkdir(parent, { recursive: true })
    const dir = await mkdtemp(join(parent, prefix))
    try {
      return await work(dir)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
