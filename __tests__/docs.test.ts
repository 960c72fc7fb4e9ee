// The README is the page a newcomer reads in five minutes, and docs/ holds the reference. What keeps
// them true as the code moves: every relative link and #heading resolves; a workflow shown in them is
// the shipped file (or an exact excerpt of it), never a second copy that drifts from the one the
// tests run; the README quick start runs what CI runs; no page or example cites a design document
// the repository does not have; and the README stays short.
import { describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8')

/** The README, then every page of docs/. */
const PAGES = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)]
/** The shipped workflow a user copies: the README links to it, and every quoted workflow is checked against it. */
const CANONICAL_WORKFLOW = 'examples/ml-project/.github/workflows/model-ci.yml'
const README_MAX_LINES = 200

/** A fenced code block: its info string, its text (each line with its newline) and the comment line just above it. */
interface Block {
  info: string
  text: string
  line: number
  marker: string | undefined
}

/** The fenced blocks of a page, and the page with their contents blanked (so links in code do not count). */
function splitPage(markdown: string): { blocks: Block[]; prose: string } {
  const lines = markdown.split('\n')
  const blocks: Block[] = []
  const prose: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(lines[i])
    if (!fence) {
      prose.push(lines[i])
      continue
    }
    const [, indent, marks, info] = fence
    const body: string[] = []
    let end = i + 1
    while (end < lines.length && !lines[end].trimStart().startsWith(marks)) body.push(lines[end++].slice(indent.length))
    const above = /^<!--\s*(.*?)\s*-->$/.exec(lines[i - 1] ?? '')
    blocks.push({ info, text: body.map((line) => `${line}\n`).join(''), line: i + 1, marker: above?.[1] })
    prose.push(...Array<string>(end - i + 1).fill(''))
    i = end
  }
  return { blocks, prose: prose.join('\n') }
}

/** GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-')
}

/** The anchors of a page's headings, numbered as GitHub numbers repeated ones (`x`, `x-1`, ...). */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const line of splitPage(markdown).prose.split('\n')) {
    const heading = /^(?:>\s*)?#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const base = slug(heading[1])
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    anchors.add(count === 0 ? base : `${base}-${count}`)
  }
  return anchors
}

/** The relative links of a page's prose (not of its code) that do not resolve, as `page: target (why)`. */
function brokenLinks(page: string, markdown: string): string[] {
  const prose = splitPage(markdown).prose.replace(/`[^`\n]*`/g, '')
  const broken: string[] = []
  for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1]
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto:
    const [path, anchor] = target.split('#', 2) as [string, string | undefined]
    const file = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)))
    if (file.startsWith('..') || !existsSync(join(repoRoot, file))) {
      broken.push(`${page}: ${target} (no file ${file})`)
      continue
    }
    if (anchor === undefined) continue
    if (statSync(join(repoRoot, file)).isDirectory() || !file.endsWith('.md')) {
      broken.push(`${page}: ${target} (a #heading of a file that is not Markdown)`)
    } else if (!anchorsOf(path === '' ? markdown : read(file)).has(anchor)) {
      broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`)
    }
  }
  return broken
}

/**
 * Workflow YAML quoted in a page that is not the shipped file: a block marked `<!-- copy of PATH -->`
 * must equal PATH byte for byte, one marked `<!-- excerpt of PATH -->` must be a run of whole lines
 * of it, and an unmarked yaml block must not look like a workflow (`jobs:`, `on:`, or a step that
 * uses model-ci). PATH is relative to the page, as a link is.
 */
function driftingWorkflows(page: string, markdown: string): string[] {
  const problems: string[] = []
  for (const block of splitPage(markdown).blocks) {
    if (!/^ya?ml$/.test(block.info)) continue
    const where = `${page}:${block.line}`
    const marked = /^(copy|excerpt) of (\S+)$/.exec(block.marker ?? '')
    if (!marked) {
      if (/^(jobs|on):/m.test(block.text) || /uses:\s*model-ci\/model-ci/.test(block.text)) {
        problems.push(`${where}: a workflow that is not marked as a copy or an excerpt of a shipped file`)
      }
      continue
    }
    const [, kind, target] = marked
    const file = normalize(join(dirname(page), target))
    if (!existsSync(join(repoRoot, file))) {
      problems.push(`${where}: ${kind} of ${file}, which does not exist`)
      continue
    }
    const shipped = read(file)
    const matches = kind === 'copy' ? block.text === shipped : `\n${shipped}`.includes(`\n${block.text}`)
    if (!matches) problems.push(`${where}: not ${kind === 'copy' ? 'the same as' : 'an excerpt of'} ${file}`)
  }
  return problems
}

describe.each(PAGES)('%s', (page) => {
  const markdown = read(page)

  test('every relative link resolves to a file, and every #anchor to a heading', () => {
    expect(brokenLinks(page, markdown)).toEqual([])
  })

  test('every workflow it quotes is the shipped file or an exact excerpt of it', () => {
    expect(driftingWorkflows(page, markdown)).toEqual([])
  })
})

describe('the README', () => {
  const readme = read('README.md')

  test(`is a page for a newcomer: at most ${README_MAX_LINES} lines, the reference in docs/`, () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(README_MAX_LINES)
  })

  test('points to the shipped workflow, which runs on merge_group too', () => {
    expect(readme).toContain(`](${CANONICAL_WORKFLOW})`)
    expect(read(CANONICAL_WORKFLOW)).toMatch(/^on:\n(?: .*\n)*? {2}merge_group:/m)
  })

  test("quick start: the demo, and the set-up steps .ci/run runs in CI", () => {
    const commands = splitPage(readme)
      .blocks.filter((block) => block.info === 'sh')
      .flatMap((block) => block.text.split('\n').map((line) => line.replace(/#.*/, '').trim()))
    expect(commands).toEqual(expect.arrayContaining(['npm run demo', 'npm ci && npm test']))
    const ci = read('.ci/run')
    expect(ci).toMatch(/^npm ci\b/m)
    expect(ci).toMatch(/^npm test$/m)
  })

  test('says there is no release yet and how to pin a commit', () => {
    expect(readme).toContain('no release yet')
    expect(readme).toContain('uses: <owner>/model-ci@<40-hex sha>')
  })
})

describe('no shipped text cites a document the repository does not have', () => {
  /** What users read or copy: the pages, the examples, the templates, the action and the changelog. */
  const shipped = [
    ...PAGES,
    'action.yml',
    'CHANGELOG.md',
    ...['examples', 'templates', '.github'].flatMap(function walk(dir: string): string[] {
      return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
        const path = `${dir}/${entry.name}`
        if (entry.isDirectory()) return ['__pycache__', '.model-ci'].includes(entry.name) ? [] : walk(path)
        return /\.(md|ya?ml|py|txt)$/.test(entry.name) ? [path] : []
      })
    })
  ]

  test('no design document', () => {
    const citing = shipped.filter((path) => /DESIGN\.md|design doc/i.test(read(path)))
    expect(citing).toEqual([])
  })

  test("the docs pages model-ci's messages name exist", () => {
    const sources = (function walk(dir: string): string[] {
      return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(`${dir}/${entry.name}`) : entry.name.endsWith('.ts') ? [`${dir}/${entry.name}`] : []
      )
    })('src')
    const named = sources.flatMap((path) => [...read(path).matchAll(/\bdocs\/[\w.-]+\.md\b/g)].map((m) => ({ path, page: m[0] })))
    expect(named.length).toBeGreaterThan(0)
    expect(named.filter(({ page }) => !existsSync(join(repoRoot, page))).map(({ path, page }) => `${path}: ${page}`)).toEqual([])
  })
})

// The checks above pass on the shipped pages; these show that each can fail.
describe('the checks', () => {
  test("GitHub's anchors: markup and punctuation dropped, repeated headings numbered", () => {
    expect([...anchorsOf('# Local mode (the CLI)\n## `detect`\n## Limits\n## Limits\n```\n# not a heading\n```\n')]).toEqual([
      'local-mode-the-cli',
      'detect',
      'limits',
      'limits-1'
    ])
  })

  test('a link to a missing file or heading is broken; code, URLs and good links are not', () => {
    const page = [
      '[a](docs/nothing.md) [b](docs/cli.md#no-such-heading) [c](#the-readme-heading) [d](LICENSE#x)',
      '[ok](docs/cli.md) [ok](https://example.com/x.md) `[code](missing.md)`',
      '```', '[in code](missing.md)', '```',
      '## The README heading'
    ].join('\n')
    expect(brokenLinks('README.md', page)).toEqual([
      'README.md: docs/nothing.md (no file docs/nothing.md)',
      'README.md: docs/cli.md#no-such-heading (no heading #no-such-heading in docs/cli.md)',
      'README.md: LICENSE#x (a #heading of a file that is not Markdown)'
    ])
  })

  test('an unmarked workflow, a copy that differs and an excerpt that is not one are flagged', () => {
    const shipped = read(CANONICAL_WORKFLOW)
    const page = [
      '```yaml', 'on: push', 'jobs: {}', '```',
      `<!-- copy of ../${CANONICAL_WORKFLOW} -->`, '```yaml', shipped.replace('timeout-minutes: 10', 'timeout-minutes: 11').trimEnd(), '```',
      `<!-- excerpt of ../${CANONICAL_WORKFLOW} -->`, '```yaml', '  promote-auto:', '    needs: [detect]', '```',
      `<!-- excerpt of ../${CANONICAL_WORKFLOW} -->`, '```yaml', '  promote-auto:', '    needs: [detect, report]', '```',
      `<!-- copy of ../${CANONICAL_WORKFLOW} -->`, '```yaml', shipped.trimEnd(), '```',
      '```yaml', 'models: models/*', '```'
    ].join('\n')
    expect(driftingWorkflows('docs/x.md', page)).toEqual([
      'docs/x.md:1: a workflow that is not marked as a copy or an excerpt of a shipped file',
      `docs/x.md:6: not the same as ${CANONICAL_WORKFLOW}`,
      `docs/x.md:${6 + shipped.trimEnd().split('\n').length + 3}: not an excerpt of ${CANONICAL_WORKFLOW}`
    ])
  })
})
