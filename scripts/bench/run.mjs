// Runs the benchmarks behind DESIGN.md section 8 and prints each result as a markdown table; each is also
// written to bench-results/<name>.json. `npm run bench -- detect` runs only the benchmarks whose name
// contains one of the given words. Exits 1 when a benchmark's action failed or gave a wrong answer
// (a budget that is OVER is reported, not failed).
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// Each module exports one function taking `{ repoRoot, log }`; loaded only when selected.
const benchmarks = {
  detect: async () => (await import('./detect.mjs')).benchmarkDetect,
  train: async () => (await import('./train.mjs')).benchmarkTrain,
  report: async () => (await import('./report.mjs')).benchmarkReport,
  pipeline: async () => (await import('./pipeline.mjs')).benchmarkPipeline
}

// A CA bundle in NODE_EXTRA_CA_CERTS (this machine sets one) is parsed at every Node start, adding
// ~80 ms to each process measured here; GitHub's runners set none, so neither do the processes timed.
delete process.env.NODE_EXTRA_CA_CERTS

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const words = process.argv.slice(2)
const selected = Object.keys(benchmarks).filter((name) => words.length === 0 || words.some((word) => name.includes(word)))
if (selected.length === 0) {
  console.error(`no benchmark matches ${words.join(' ')}; there are: ${Object.keys(benchmarks).join(', ')}`)
  process.exit(2)
}

const log = (line) => console.error(`bench: ${line}`)
let allOk = true
for (const name of selected) {
  const benchmark = await benchmarks[name]()
  const result = await benchmark({ repoRoot, log })
  const host = machine()
  const hostLine = `Node ${host.node} on ${host.cpus} × ${host.cpu}, load average ${host.load1.toFixed(2)}.`
  console.log(`\n## ${result.name}\n\n${markdownTable(result.header, result.rows)}\n\n${[...result.notes, hostLine].join('\n\n')}\n`)
  const file = join(repoRoot, 'bench-results', `${result.name}.json`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), machine: host, ...result }, null, 2) + '\n')
  log(`wrote ${file}`)
  allOk &&= result.ok
}
process.exitCode = allOk ? 0 : 1

function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

// The load average says how far to trust the medians: other work on the machine slows every process.
function machine() {
  const [load1] = loadavg()
  return { node: process.version, platform: `${process.platform}-${process.arch}`, cpu: cpus()[0]?.model, cpus: cpus().length, load1 }
}
