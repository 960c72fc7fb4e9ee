import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { hashFile, hashTree } from '../../../src/adapters/node/hash-files.js'
import { UserError } from '../../../src/errors.js'

const run = promisify(execFile)
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

let workDir: string
let folderCount = 0

beforeAll(() => {
  workDir = realpathSync(mkdtempSync(join(tmpdir(), 'hash-files-')))
})

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true })
})

/** A fresh folder holding `files` (relative path → content). */
function folderWith(files: Record<string, string | Buffer>): string {
  const root = join(workDir, `output-${folderCount++}`)
  mkdirSync(root)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** What sha256sum says of each file, by path relative to `root`. */
async function sha256sum(root: string, paths: string[]): Promise<Record<string, string>> {
  const { stdout } = await run('sha256sum', ['--', ...paths], { cwd: root })
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const [digest, path] = line.split(/ [ *]/)
        return [path, digest]
      })
  )
}

async function userError(promise: Promise<unknown>): Promise<UserError> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error
  )
  if (!(thrown instanceof UserError)) throw new Error(`expected a UserError, got ${String(thrown)}`)
  expect(thrown.message).not.toMatch(/[\r\n]/)
  return thrown
}

describe('hashTree', () => {
  it('lists every file below the folder, nested ones and empty ones, with the size and the sha256 that sha256sum gives', async () => {
    const root = folderWith({
      'model.pkl': randomBytes(5000),
      'tokenizer/vocab.txt': 'a\nb\nc\n',
      'tokenizer/merges/rules.txt': 'x y\n',
      'empty.txt': '',
      // Larger than several 1 MiB reads, and not a multiple of one.
      'weights/layer1.bin': randomBytes(3 * 1024 * 1024 + 12345)
    })
    mkdirSync(join(root, 'logs/none-yet'), { recursive: true })

    const files = await hashTree(root)

    const paths = ['empty.txt', 'model.pkl', 'tokenizer/merges/rules.txt', 'tokenizer/vocab.txt', 'weights/layer1.bin']
    const expected = await sha256sum(root, paths)
    expect(files).toEqual([
      { path: 'empty.txt', size: 0, sha256: EMPTY_SHA256 },
      { path: 'model.pkl', size: 5000, sha256: expected['model.pkl'] },
      { path: 'tokenizer/merges/rules.txt', size: 4, sha256: expected['tokenizer/merges/rules.txt'] },
      { path: 'tokenizer/vocab.txt', size: 6, sha256: expected['tokenizer/vocab.txt'] },
      { path: 'weights/layer1.bin', size: 3 * 1024 * 1024 + 12345, sha256: expected['weights/layer1.bin'] }
    ])
    expect(expected['empty.txt']).toBe(EMPTY_SHA256)
  })

  it('sorts by path, character by character, whatever order the folder lists them in', async () => {
    const names = ['b', 'B', 'a.b', 'a-b', 'a/b', 'a/a', 'a_b', 'Z/z', '_x', '10', '9', 'é']
    const root = folderWith(Object.fromEntries(names.map((name) => [name, name])))
    const files = await hashTree(root)
    expect(files.map((file) => file.path)).toEqual(['10', '9', 'B', 'Z/z', '_x', 'a-b', 'a.b', 'a/a', 'a/b', 'a_b', 'b', 'é'])
  })

  it('hashes many files at once, each with its own digest', async () => {
    const contents = Array.from({ length: 40 }, (_, index) => randomBytes(index * 7919))
    const root = folderWith(Object.fromEntries(contents.map((content, index) => [`shard-${String(index).padStart(2, '0')}.bin`, content])))
    const files = await hashTree(root)
    const expected = await sha256sum(root, files.map((file) => file.path))
    expect(files).toHaveLength(40)
    for (const [index, file] of files.entries()) {
      expect(file).toEqual({ path: `shard-${String(index).padStart(2, '0')}.bin`, size: index * 7919, sha256: expected[file.path] })
    }
  })

  it('gives an empty list for an empty folder', async () => {
    expect(await hashTree(folderWith({}))).toEqual([])
  })

  it('refuses a link to a file outside the folder, naming the link and its target', async () => {
    const root = folderWith({ 'model.pkl': 'weights' })
    mkdirSync(join(root, 'sub'))
    symlinkSync('/etc/passwd', join(root, 'sub/passwd'))
    const error = await userError(hashTree(root))
    expect(error.message).toBe(
      `"${root}/sub/passwd" is a symbolic link (to "/etc/passwd"); the artifact must not follow links out of the output folder, so write or copy the file itself there`
    )
  })

  it('refuses a link to a folder and a dangling link alike', async () => {
    const toFolder = folderWith({ 'model.pkl': 'weights' })
    symlinkSync('..', join(toFolder, 'parent'))
    expect((await userError(hashTree(toFolder))).message).toMatch(/^".*\/parent" is a symbolic link \(to "\.\."\); /)

    const dangling = folderWith({})
    symlinkSync('nowhere', join(dangling, 'gone'))
    expect((await userError(hashTree(dangling))).message).toMatch(/^".*\/gone" is a symbolic link \(to "nowhere"\); /)
  })

  it('refuses a FIFO rather than waiting for a writer', async () => {
    const root = folderWith({})
    await run('mkfifo', [join(root, 'pipe')])
    expect((await userError(hashTree(root))).message).toBe(
      `"${root}/pipe" is not a regular file (a FIFO, socket or device); leave only files and folders in the output folder`
    )
  })
})

describe('hashFile', () => {
  it('gives the size and sha256 of one file', async () => {
    const root = folderWith({ 'model.pkl': 'weights' })
    const [expected] = Object.values(await sha256sum(root, ['model.pkl']))
    expect(await hashFile(join(root, 'model.pkl'))).toEqual({ size: 7, sha256: expected })
  })

  it('refuses to follow a link', async () => {
    const root = folderWith({ 'model.pkl': 'weights' })
    symlinkSync('model.pkl', join(root, 'link.pkl'))
    expect((await userError(hashFile(join(root, 'link.pkl')))).message).toBe(
      `"${root}/link.pkl" is a symbolic link; the artifact must not follow links out of the output folder, so write or copy the file itself there`
    )
  })

  it('refuses a FIFO without blocking on it', async () => {
    const root = folderWith({})
    await run('mkfifo', [join(root, 'pipe')])
    expect((await userError(hashFile(join(root, 'pipe')))).message).toBe(
      `"${root}/pipe" is not a regular file (a FIFO, socket or device); leave only files and folders in the output folder`
    )
  })

  it('passes on what the file system says of a missing file', async () => {
    await expect(hashFile(join(workDir, 'missing.bin'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
