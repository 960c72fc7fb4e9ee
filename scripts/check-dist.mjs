// Fails when the committed dist/ is not exactly what the sources build.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const fresh = mkdtempSync(join(tmpdir(), 'model-ci-dist-'))
try {
  execFileSync(process.execPath, ['scripts/bundle.mjs', fresh], { stdio: 'inherit' })
  const list = (root) => {
    const out = []
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else out.push(relative(root, full))
      }
    }
    walk(root)
    return out.sort()
  }
  const built = list(fresh)
  const committed = list('dist')
  const differing = [...new Set([...built, ...committed])].filter((file) => {
    try {
      return !readFileSync(join(fresh, file)).equals(readFileSync(join('dist', file)))
    } catch {
      return true
    }
  })
  if (differing.length > 0) {
    console.error(`dist/ is not what the sources build; differing files: ${differing.join(', ')}`)
    console.error('Run `npm run bundle` and commit dist/.')
    process.exit(1)
  }
  console.log(`dist/ matches the sources (${built.length} files)`)
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
