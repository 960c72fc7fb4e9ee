// Parses Mermaid diagrams with Mermaid's own parser, as GitHub's renderer does before it draws:
// reads a JSON array of diagram texts on stdin, writes a JSON array of results (null when the
// diagram parses, else the parser's message) on stdout. Run as a plain Node process: Mermaid and
// jsdom are ESM packages that load as they do in a browser, which Jest's VM modules do not.
import { JSDOM } from 'jsdom'

// Mermaid sanitizes with DOMPurify, which needs a DOM window at import time.
const { window } = new JSDOM('')
globalThis.window = window
globalThis.document = window.document
const { default: mermaid } = await import('mermaid')

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = []
for (const diagram of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(diagram)
    results.push(parsed ? { type: parsed.diagramType } : { error: 'not a diagram' })
  } catch (error) {
    results.push({ error: String(error?.message ?? error) })
  }
}
process.stdout.write(JSON.stringify(results))
