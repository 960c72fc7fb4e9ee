import { createHash } from 'node:crypto'
import type { FileEntry } from '../ports/git.js'

/** A folder being assembled: its files by name, and its subfolders by name. */
interface Folder {
  files: Map<string, FileEntry>
  folders: Map<string, Folder>
}

/** A folder's mode inside a tree object: `ls-tree` shows it as "040000", git writes no leading zero. */
export const TREE_OBJECT_MODE = '40000'

/**
 * The id git gives the tree that holds `files` (paths relative to the tree's root, modes and blob
 * ids as `git ls-files -s` shows them), computed as `git write-tree` would: without git, a
 * checkout's folders get the same ids as in a git checkout, so fingerprints agree. Folders
 * without files do not exist for git and get no entry. No files at all is git's empty tree.
 */
export function gitTreeId(files: Iterable<FileEntry>): string {
  const root: Folder = { files: new Map(), folders: new Map() }
  for (const file of files) {
    let folder = root
    const names = file.path.split('/')
    for (let i = 0; i < names.length - 1; i++) {
      let child = folder.folders.get(names[i])
      if (!child) folder.folders.set(names[i], (child = { files: new Map(), folders: new Map() }))
      folder = child
    }
    folder.files.set(names[names.length - 1], file)
  }
  return treeId(root).toString('hex')
}

/** The raw 20-byte id of a folder's tree object: `sha1("tree <size>\0" + entries)`. */
function treeId(folder: Folder): Buffer {
  const entries: Array<{ sortKey: Buffer; mode: string; name: string; oid: Buffer }> = []
  for (const [name, file] of folder.files) {
    entries.push({ sortKey: Buffer.from(name), mode: file.mode, name, oid: Buffer.from(file.oid, 'hex') })
  }
  for (const [name, child] of folder.folders) {
    // Git orders a tree's entries by name as bytes, a folder as if its name ended in "/":
    // "a.txt" (".", 0x2e) comes before the folder "a" ("/", 0x2f), which comes before "a0".
    entries.push({ sortKey: Buffer.from(`${name}/`), mode: TREE_OBJECT_MODE, name, oid: treeId(child) })
  }
  entries.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey))
  const body = Buffer.concat(entries.flatMap((entry) => [Buffer.from(`${entry.mode} ${entry.name}\0`), entry.oid]))
  return createHash('sha1').update(`tree ${body.length}\0`).update(body).digest()
}

/** An entry of a tree object: mode as git writes it ("40000" for a folder), name, and object id. */
export interface TreeObjectEntry {
  mode: string
  name: string
  oid: string
}

const NOT_ASCII = /[\u0080-\u00ff]/

/** The entries of a tree object as `git cat-file --batch` gives it: "<mode> <name>\0" and 20 raw id bytes each. */
export function parseTreeObject(content: Buffer): TreeObjectEntry[] {
  // A model folder's parent can hold thousands of entries: the object is decoded twice in all
  // (latin1 for modes and names, whose indexes are byte offsets, and hex for the ids) rather than
  // three times per entry. Names are UTF-8: one with other than ASCII bytes is decoded again.
  const text = content.toString('latin1')
  const hex = content.toString('hex')
  const entries: TreeObjectEntry[] = []
  let at = 0
  while (at < text.length) {
    const space = text.indexOf(' ', at)
    const nul = text.indexOf('\0', space)
    const name = text.slice(space + 1, nul)
    entries.push({
      mode: text.slice(at, space),
      name: NOT_ASCII.test(name) ? content.toString('utf8', space + 1, nul) : name,
      oid: hex.slice(2 * (nul + 1), 2 * (nul + 21))
    })
    at = nul + 21
  }
  return entries
}
