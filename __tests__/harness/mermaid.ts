/**
 * Checks Mermaid diagrams the way GitHub's renderer reads them: with Mermaid's own parser (see
 * mermaid-parse.mjs, run as a subprocess).
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const PARSER = fileURLToPath(new URL('./mermaid-parse.mjs', import.meta.url))

/** The ```mermaid blocks of a Markdown document, without their fences. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([^]*?)\n```$/gm)].map((match) => match[1])
}

/** Each diagram's type as Mermaid parsed it ("xychart"), or its parse error. */
export function parseMermaid(diagrams: readonly string[]): ({ type: string } | { error: string })[] {
  if (diagrams.length === 0) return []
  const output = execFileSync(process.execPath, [PARSER], { input: JSON.stringify(diagrams), encoding: 'utf8', timeout: 60_000 })
  return JSON.parse(output) as ({ type: string } | { error: string })[]
}
