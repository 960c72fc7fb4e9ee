import { parseTreeObject, TREE_OBJECT_MODE } from '../core/git-tree.js'
import type { FileEntry } from '../ports/git.js'
import { SUBMODULE_MODE, TREE_MODE } from '../ports/git.js'
import type { CommittedFiles, FilesAndTrees } from './committed-files.js'
import { isNamed } from './committed-files.js'
import type { ScopedGit } from './scoped-git.js'

/**
 * Up to this many folders, git is asked for each folder's tree by its path, which it looks up from
 * the top folder each time; past it, for their parents' trees, whose entries name them all: in a
 * monorepo thousands of model folders share one parent, read once.
 */
const MAX_FOLDERS_BY_NAME = 32

/** The files committed at HEAD, read through git. */
export class GitCommittedFiles implements CommittedFiles {
  constructor(private readonly git: ScopedGit) {}

  /**
   * Read from the index, which git lists several times faster than it walks HEAD's trees, when the
   * index and HEAD agree on those files — always so in a fresh checkout, the CI case. Locally,
   * staged changes make them differ: then HEAD's trees are walked, so that what model-ci reads is
   * what was committed either way.
   */
  async findFiles(bases: readonly string[], names: readonly string[]): Promise<FileEntry[]> {
    const folders = bases.map(gitFolder)
    const [indexed, agrees] = await Promise.all([this.git.findInIndex(folders, names), this.git.indexAgrees('HEAD', folders, names)])
    if (agrees) return indexed
    const committed = await this.git.listTree('HEAD', folders, { recursive: true })
    return committed.filter((entry) => names.some((name) => isNamed(entry.path, name)))
  }

  /**
   * One `git cat-file --batch` call for the blobs and the trees. The folders' parents are read
   * either way, so the ids come for every folder beside them too (the folders a `models` glob
   * matches that are no models: see Repository.lookalikeFolders).
   */
  async readFilesAndTrees(files: readonly FileEntry[], dirs: readonly string[]): Promise<FilesAndTrees> {
    const byName = dirs.length <= MAX_FOLDERS_BY_NAME
    const parents = [...new Set(dirs.map(parentOf))]
    const trees = byName ? [...dirs, ...parents] : parents
    // cat-file reads one name per line.
    if (trees.some((path) => path.includes('\n'))) return this.readWithTreeListing(files, dirs)
    const objects = await this.git.readObjects([...files.map((file) => file.oid), ...trees.map((path) => `HEAD:${path}`)])
    const texts = new Map<string, string>()
    files.forEach((file, index) => {
      const blob = objects[index]
      if (blob) texts.set(file.path, blob.content.toString('utf8'))
    })
    const treeIds = new Map<string, string>()
    trees.forEach((path, index) => {
      const tree = objects[files.length + index]
      if (tree?.type !== 'tree') return
      if (byName && index < dirs.length) {
        treeIds.set(path, tree.oid)
        return
      }
      for (const entry of parseTreeObject(tree.content)) {
        if (entry.mode === TREE_OBJECT_MODE) treeIds.set(path === '' ? entry.name : `${path}/${entry.name}`, entry.oid)
      }
    })
    return { texts, treeIds }
  }

  async filesUnder(bases: readonly string[]): Promise<FileEntry[]> {
    // No paths would make ls-tree list the whole tree.
    if (bases.length === 0) return []
    const entries = await this.git.listTree('HEAD', bases.map(gitFolder), { recursive: true })
    return entries.filter((entry) => entry.mode !== SUBMODULE_MODE)
  }

  private async readWithTreeListing(files: readonly FileEntry[], dirs: readonly string[]): Promise<FilesAndTrees> {
    const [objects, entries] = await Promise.all([
      this.git.readObjects(files.map((file) => file.oid)),
      this.git.listTree('HEAD', dirs, { recursive: false })
    ])
    const texts = new Map<string, string>()
    files.forEach((file, index) => {
      const blob = objects[index]
      if (blob) texts.set(file.path, blob.content.toString('utf8'))
    })
    const treeIds = new Map<string, string>()
    for (const entry of entries) if (entry.mode === TREE_MODE) treeIds.set(entry.path, entry.oid)
    return { texts, treeIds }
  }
}

function gitFolder(base: string): string {
  return base === '' ? '.' : base
}

function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/')
  return slash === -1 ? '' : dir.slice(0, slash)
}
