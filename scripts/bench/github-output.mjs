// Reads a GITHUB_OUTPUT file the way the runner does: `name=value` lines, and the multiline form
// `name<<DELIMITER`, the value's lines, `DELIMITER` that @actions/core writes.

/** Returns a Map of output name to value; a later value for the same name wins, as on GitHub. */
export function parseGithubOutput(text) {
  const outputs = new Map()
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''))
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals > 0 && (heredoc === -1 || equals < heredoc)) {
      outputs.set(line.slice(0, equals), line.slice(equals + 1))
      continue
    }
    if (heredoc <= 0) throw new Error(`GITHUB_OUTPUT line ${i + 1} is neither name=value nor name<<DELIMITER: ${line}`)
    const name = line.slice(0, heredoc)
    const delimiter = line.slice(heredoc + 2)
    const end = lines.indexOf(delimiter, i + 1)
    if (end === -1) throw new Error(`GITHUB_OUTPUT: output ${name} has no closing delimiter ${delimiter}`)
    outputs.set(name, lines.slice(i + 1, end).join('\n'))
    i = end
  }
  return outputs
}
