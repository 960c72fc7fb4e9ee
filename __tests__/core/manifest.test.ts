import { afterEach, describe, expect, it, jest } from '@jest/globals'
import type { Manifest, ManifestInput } from '../../src/core/manifest.js'
import { MAX_MANIFEST_BYTES, buildManifest, parseManifest, serializeManifest, versionLabel } from '../../src/core/manifest.js'
import { UserError } from '../../src/errors.js'

const SHA = `3f2a9c1${'b'.repeat(33)}`
const FINGERPRINT = `sha256:${'c'.repeat(64)}`
const SOURCE = 'artifact model-ci-fraud of run 812'
const VERSION = '2026.11.27-100000-3f2a9c1-r812'

const input: ManifestInput = {
  model: 'fraud',
  fingerprint: FINGERPRINT,
  sha: SHA,
  ref: 'refs/heads/main',
  event: 'push',
  runId: 812,
  runAttempt: 1,
  createdAt: new Date('2026-11-27T10:00:00.456Z'),
  metrics: { accuracy: 0.93, 'test.f1': 0.91 },
  files: [
    { path: 'model.pkl', size: 1234, sha256: 'd'.repeat(64) },
    { path: 'sub/vocab.txt', size: 0, sha256: 'e'.repeat(64) }
  ],
  python: '3.11.7',
  runnerOs: 'Linux',
  timings: { install_s: 0.4, train_s: 12.1, evaluate_s: null },
  cache: { dependencies: 'hit', run: 'miss' },
  failure: null
}

const failureRecord = { phase: 'train' as const, exit_code: 1, signal: null, message: 'training exited with code 1', log_tail: 'Traceback\nValueError: bad\n' }

/** The UserError a call throws, checked to be one line. */
function userError(action: () => unknown): UserError {
  let thrown: unknown
  try {
    action()
  } catch (error) {
    thrown = error
  }
  if (!(thrown instanceof UserError)) throw new Error(`expected a UserError, got ${String(thrown)}`)
  expect(thrown.message).not.toMatch(/[\r\n\u2028\u2029\u0085]/)
  return thrown
}

/** The manifest `train` writes for `input`, as plain JSON data to tamper with. */
function writtenData(): Record<string, unknown> {
  return JSON.parse(serializeManifest(buildManifest(input))) as Record<string, unknown>
}

function parseError(data: unknown): string {
  return userError(() => parseManifest(JSON.stringify(data), SOURCE)).message
}

function withField(path: Array<string | number>, value: unknown): Record<string, unknown> {
  const data = writtenData()
  let holder = data as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>
  const last = path[path.length - 1]
  if (value === undefined) delete holder[last]
  else holder[last] = value
  return data
}

describe('versionLabel', () => {
  it('is the UTC date and time, the short commit and the run', () => {
    expect(versionLabel({ createdAt: new Date('2026-11-27T10:00:00Z'), sha: SHA, runId: 812, runAttempt: 1 })).toBe(VERSION)
    // Written in another time zone, still labelled in UTC; milliseconds are dropped.
    expect(versionLabel({ createdAt: new Date('2026-11-27T23:30:05.999-05:00'), sha: SHA, runId: 9, runAttempt: 1 })).toBe('2026.11.28-043005-3f2a9c1-r9')
  })

  it('names a re-run attempt', () => {
    expect(versionLabel({ createdAt: new Date('2026-01-02T03:04:05Z'), sha: SHA, runId: 812, runAttempt: 2 })).toBe('2026.01.02-030405-3f2a9c1-r812.a2')
  })

  it('sorts two trainings of one day by time, which a label without the time of day would not', () => {
    // The later run has the smaller commit id and the longer run id: neither may decide the order.
    const morning = versionLabel({ createdAt: new Date('2026-11-27T09:59:59Z'), sha: `f${'0'.repeat(39)}`, runId: 999, runAttempt: 1 })
    const evening = versionLabel({ createdAt: new Date('2026-11-27T21:00:00Z'), sha: `0${'f'.repeat(39)}`, runId: 1000, runAttempt: 1 })
    expect(morning < evening).toBe(true)
    expect(morning).toBe('2026.11.27-095959-f000000-r999')
    expect(evening).toBe('2026.11.27-210000-0ffffff-r1000')
  })

  it('sorts as strings exactly as the trainings sort by time', () => {
    // A fixed pseudo-random sequence: times from 1970 to 9999, commits and run ids of every length.
    let seed = 42
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('')
    const latest = Date.parse('9999-12-31T23:59:59Z')
    const seconds = new Set<number>()
    while (seconds.size < 3000) {
      // Half of them within one day, where only the time of day can order them.
      const spread = seconds.size % 2 === 0 ? latest : 86_400_000
      seconds.add(Math.floor((random() * spread) / 1000))
    }
    const trainings = [...seconds].map((second) => ({
      time: second * 1000,
      label: versionLabel({
        createdAt: new Date(second * 1000 + Math.floor(random() * 1000)),
        sha: hex(40),
        runId: Math.floor(random() * 10 ** Math.ceil(random() * 12)) + 1,
        runAttempt: Math.ceil(random() * 3)
      })
    }))
    const byTime = [...trainings].sort((a, b) => a.time - b.time).map((training) => training.label)
    const byLabel = trainings.map((training) => training.label).sort()
    expect(byLabel).toEqual(byTime)
  })

  it('refuses an invalid date or one beyond the year 9999 (a bug in the caller)', () => {
    expect(() => versionLabel({ createdAt: new Date('nonsense'), sha: SHA, runId: 1, runAttempt: 1 })).toThrow(RangeError)
    expect(() => versionLabel({ createdAt: new Date('+010000-01-01T00:00:00Z'), sha: SHA, runId: 1, runAttempt: 1 })).toThrow(
      'a version label needs a time in the years 0000 to 9999, got +010000-01-01T00:00:00.000Z'
    )
  })
})

describe('buildManifest', () => {
  it('records a successful training with its version and the time to the second', () => {
    const manifest = buildManifest(input)
    expect(manifest).toEqual({
      schema: 1,
      model: 'fraud',
      status: 'success',
      version: VERSION,
      fingerprint: FINGERPRINT,
      sha: SHA,
      ref: 'refs/heads/main',
      event: 'push',
      run_id: 812,
      run_attempt: 1,
      created_at: '2026-11-27T10:00:00Z',
      metrics: { accuracy: 0.93, 'test.f1': 0.91 },
      files: input.files,
      python: '3.11.7',
      runner_os: 'Linux',
      timings: { install_s: 0.4, train_s: 12.1, evaluate_s: null },
      cache: { dependencies: 'hit', run: 'miss' },
      failure: null,
      mlflow: null
    })
  })

  it('marks a training with a failure as failed', () => {
    const manifest = buildManifest({ ...input, runAttempt: 3, metrics: {}, failure: failureRecord })
    expect(manifest.status).toBe('failed')
    expect(manifest.version).toBe(`${VERSION}.a3`)
    expect(manifest.failure).toEqual(failureRecord)
  })

  it('refuses outputs that report would refuse, naming the model and the file', () => {
    const files = [...input.files, { path: 'weights\\layer1.bin', size: 1, sha256: 'a'.repeat(64) }]
    expect(userError(() => buildManifest({ ...input, files })).message).toBe(
      'the manifest of model "fraud": "files[2].path" must be a path inside the output folder: relative, "/"-separated, without ".", ".." or empty parts, backslashes or NUL, at most 4096 characters, got "weights\\\\layer1.bin"'
    )
  })

  it('refuses a manifest too large to be read back, and says what to do', () => {
    // Within the limits on the count of files and on the length of a path, too much all together.
    const files = Array.from({ length: 9_000 }, (_, index) => ({ path: `${'a'.repeat(4000)}/${index}`, size: 1, sha256: 'a'.repeat(64) }))
    expect(userError(() => buildManifest({ ...input, files })).message).toMatch(
      /^the manifest of model "fraud": it would be 35\.\d MiB, more than the 32 MiB model-ci reads back, for 9000 output files; pack the outputs into fewer files$/
    )
  })
})

describe('serializeManifest', () => {
  it('writes the keys in the documented order, indented by two spaces, with a final newline', () => {
    // Keys given in another order, as a caller might assemble them.
    const shuffled = Object.fromEntries(Object.entries(buildManifest({ ...input, failure: failureRecord })).reverse()) as unknown as Manifest
    expect(serializeManifest(shuffled)).toBe(`{
  "schema": 1,
  "model": "fraud",
  "status": "failed",
  "version": "${VERSION}",
  "fingerprint": "${FINGERPRINT}",
  "sha": "${SHA}",
  "ref": "refs/heads/main",
  "event": "push",
  "run_id": 812,
  "run_attempt": 1,
  "created_at": "2026-11-27T10:00:00Z",
  "metrics": {
    "accuracy": 0.93,
    "test.f1": 0.91
  },
  "files": [
    {
      "path": "model.pkl",
      "size": 1234,
      "sha256": "${'d'.repeat(64)}"
    },
    {
      "path": "sub/vocab.txt",
      "size": 0,
      "sha256": "${'e'.repeat(64)}"
    }
  ],
  "python": "3.11.7",
  "runner_os": "Linux",
  "timings": {
    "install_s": 0.4,
    "train_s": 12.1,
    "evaluate_s": null
  },
  "cache": {
    "dependencies": "hit",
    "run": "miss"
  },
  "failure": {
    "phase": "train",
    "exit_code": 1,
    "signal": null,
    "message": "training exited with code 1",
    "log_tail": "Traceback\\nValueError: bad\\n"
  },
  "mlflow": null
}
`)
  })

  it.each([
    ['a successful training', input],
    ['a failed training', { ...input, metrics: {}, files: [], python: null, failure: { ...failureRecord, exit_code: null, signal: 'SIGKILL' } }],
    // Metric names are whatever the training wrote, "__proto__" included.
    ['metric names that are not plain words', { ...input, metrics: { __proto__: 1, constructor: 2, 'a "quoted" <b>name</b>': 3, 'x.y.z': -0.5, '1': 1e-300 } }]
  ])('round-trips %s through parseManifest', (_, written) => {
    const manifest = buildManifest(written)
    const text = serializeManifest(manifest)
    const read = parseManifest(text, SOURCE)
    expect(read).toEqual(manifest)
    expect(Object.keys(read.metrics)).toEqual(Object.keys(manifest.metrics))
    expect(serializeManifest(read)).toBe(text)
  })

  it('is read back with the most files a manifest may list', () => {
    const files = Array.from({ length: 100_000 }, (_, index) => ({ path: `shards/part-${String(index).padStart(6, '0')}.bin`, size: index, sha256: 'a'.repeat(64) }))
    const text = serializeManifest(buildManifest({ ...input, files }))
    expect(parseManifest(text, SOURCE).files).toHaveLength(100_000)
  })
})

describe('parseManifest: size', () => {
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('refuses a huge input without parsing it', () => {
    const parse = jest.spyOn(JSON, 'parse')
    const message = `${SOURCE}: the manifest is larger than 32 MiB, the most model-ci reads; it was not parsed`
    expect(userError(() => parseManifest(' '.repeat(MAX_MANIFEST_BYTES + 1), SOURCE)).message).toBe(message)
    // Fewer characters than the limit, more bytes: the limit is in bytes.
    expect(userError(() => parseManifest('é'.repeat(MAX_MANIFEST_BYTES / 2 + 1), SOURCE)).message).toBe(message)
    expect(parse).not.toHaveBeenCalled()
  })

  it('reads a manifest of exactly the limit', () => {
    const text = serializeManifest(buildManifest(input))
    const padded = text + ' '.repeat(MAX_MANIFEST_BYTES - Buffer.byteLength(text))
    expect(parseManifest(padded, SOURCE).version).toBe(VERSION)
  })
})

describe('parseManifest: what is not a manifest', () => {
  it('refuses text that is not JSON, on one line', () => {
    const message = userError(() => parseManifest('{"model":\n\u2028 nope}', SOURCE)).message
    expect(message.startsWith(`${SOURCE}: the manifest is not valid JSON: `)).toBe(true)
    expect(message).toContain('\\u000a')
  })

  it.each([
    [[1], 'a list'],
    ['manifest', '"manifest"'],
    [null, 'null']
  ])('refuses a JSON value that is not an object: %j', (data, shown) => {
    expect(parseError(data)).toBe(`${SOURCE}: the manifest must be a JSON object, got ${shown}`)
  })

  it('says to update model-ci for a newer schema', () => {
    expect(parseError(withField(['schema'], 2))).toBe(`${SOURCE}: "schema" is 2, newer than this model-ci reads (1); update model-ci to read this manifest`)
  })

  it.each([
    [undefined, '"schema" is missing; a model-ci manifest has "schema": 1'],
    [0, '"schema" must be 1, got 0'],
    [1.5, '"schema" must be 1, got 1.5'],
    ['1', '"schema" must be 1, got "1"']
  ])('refuses schema %j', (schema, message) => {
    expect(parseError(withField(['schema'], schema))).toBe(`${SOURCE}: ${message}`)
  })

  it('ignores keys it does not know, which later writers of schema 1 may add', () => {
    const data = { ...writtenData(), signature: 'later' }
    expect(parseManifest(JSON.stringify(data), SOURCE)).toEqual(buildManifest(input))
  })
})

const PATH_RULE =
  'must be a path inside the output folder: relative, "/"-separated, without ".", ".." or empty parts, backslashes or NUL, at most 4096 characters'

describe('parseManifest: fields', () => {
  it.each<[string, Array<string | number>, unknown, string]>([
    ['a model name with a slash', ['model'], '../x', '"model" must be a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit, got "../x"'],
    ['a model name too long', ['model'], 'm'.repeat(101), `"model" must be a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit, got "${'m'.repeat(80)}…"`],
    ['an unknown status', ['status'], 'ok', '"status" must be "success" or "failed", got "ok"'],
    ['a version that is not text', ['version'], 5, '"version" must be a version label such as "2026.11.27-100000-3f2a9c1-r812", got 5'],
    ['a version that is not its own label', ['version'], '2026.11.27-3f2a9c1-r812', `"version" must be "${VERSION}", the label of created_at, sha, run_id and run_attempt, got "2026.11.27-3f2a9c1-r812"`],
    ['a short fingerprint', ['fingerprint'], 'sha256:abc', '"fingerprint" must be "sha256:" and 64 lowercase hexadecimal digits, got "sha256:abc"'],
    ['a fingerprint without its prefix', ['fingerprint'], 'c'.repeat(64), `"fingerprint" must be "sha256:" and 64 lowercase hexadecimal digits, got "${'c'.repeat(64)}"`],
    ['an uppercase sha', ['sha'], SHA.toUpperCase(), `"sha" must be a commit id of 40 lowercase hexadecimal digits, got "${SHA.toUpperCase()}"`],
    ['a short sha', ['sha'], '3f2a9c1', '"sha" must be a commit id of 40 lowercase hexadecimal digits, got "3f2a9c1"'],
    ['no sha', ['sha'], undefined, '"sha" is missing; it must be a commit id of 40 lowercase hexadecimal digits'],
    ['a ref with a newline', ['ref'], 'refs/heads/a\nb', '"ref" must be a git ref such as "refs/heads/main", at most 1000 characters without control characters, got "refs/heads/a\\nb"'],
    ['an event in capitals', ['event'], 'Push', '"event" must be an event name such as "push": lowercase letters, digits, "_" or "-", at most 100 characters, got "Push"'],
    ['a run id of 0', ['run_id'], 0, '"run_id" must be a run id (a whole number, 1 or more), got 0'],
    ['a fractional run id', ['run_id'], 8.5, '"run_id" must be a run id (a whole number, 1 or more), got 8.5'],
    ['a run id as text', ['run_id'], '812', '"run_id" must be a run id (a whole number, 1 or more), got "812"'],
    ['a run id beyond what JSON carries exactly', ['run_id'], 2 ** 53, '"run_id" must be a run id (a whole number, 1 or more), got 9007199254740992'],
    ['a run attempt of 0', ['run_attempt'], 0, '"run_attempt" must be a run attempt (a whole number, 1 or more), got 0'],
    ['a time without a zone', ['created_at'], '2026-11-27T10:00:00', '"created_at" must be a UTC time such as "2026-11-27T10:00:00Z", got "2026-11-27T10:00:00"'],
    ['a time with milliseconds', ['created_at'], '2026-11-27T10:00:00.000Z', '"created_at" must be a UTC time such as "2026-11-27T10:00:00Z", got "2026-11-27T10:00:00.000Z"'],
    ['a day that does not exist', ['created_at'], '2026-02-30T10:00:00Z', '"created_at" must be a UTC time such as "2026-11-27T10:00:00Z", got "2026-02-30T10:00:00Z"'],
    ['files that are not a list', ['files'], {}, '"files" must be a list of files, got an object'],
    ['a file that is not an object', ['files', 0], 5, '"files[0]" must be an object with path, size and sha256, got 5'],
    ['a file without a path', ['files', 1, 'path'], undefined, `"files[1].path" is missing; it ${PATH_RULE}`],
    ['an absolute path', ['files', 0, 'path'], '/etc/passwd', `"files[0].path" ${PATH_RULE}, got "/etc/passwd"`],
    ['a path out of the folder', ['files', 0, 'path'], 'sub/../../secret', `"files[0].path" ${PATH_RULE}, got "sub/../../secret"`],
    ['a path with a backslash', ['files', 0, 'path'], '..\\secret', `"files[0].path" ${PATH_RULE}, got "..\\\\secret"`],
    ['a path with NUL', ['files', 0, 'path'], 'model.pkl\0.txt', `"files[0].path" ${PATH_RULE}, got "model.pkl\\u0000.txt"`],
    ['a Windows drive', ['files', 0, 'path'], 'C:/Windows/win.ini', `"files[0].path" ${PATH_RULE}, got "C:/Windows/win.ini"`],
    ['an empty path', ['files', 0, 'path'], '', `"files[0].path" ${PATH_RULE}, got ""`],
    ['a path with "."', ['files', 0, 'path'], './model.pkl', `"files[0].path" ${PATH_RULE}, got "./model.pkl"`],
    ['a path with an empty part', ['files', 0, 'path'], 'sub//model.pkl', `"files[0].path" ${PATH_RULE}, got "sub//model.pkl"`],
    ['a folder path', ['files', 0, 'path'], 'sub/', `"files[0].path" ${PATH_RULE}, got "sub/"`],
    ['a path too long', ['files', 0, 'path'], 'p'.repeat(4097), `"files[0].path" ${PATH_RULE}, got "${'p'.repeat(80)}…"`],
    ['a negative size', ['files', 0, 'size'], -1, '"files[0].size" must be a size in bytes (a whole number, 0 or more), got -1'],
    ['an uppercase sha256', ['files', 0, 'sha256'], 'D'.repeat(64), `"files[0].sha256" must be a sha256 digest of 64 lowercase hexadecimal digits, got "${'D'.repeat(64)}"`],
    ['a Python version as a number', ['python'], 3.11, '"python" must be a Python version such as "3.11.7", or null, got 3.11'],
    ['no runner OS', ['runner_os'], '', '"runner_os" must be an operating system name such as "Linux", at most 100 characters, got ""'],
    ['no timings', ['timings'], undefined, '"timings" is missing; it must be an object with install_s, train_s and evaluate_s'],
    ['a negative timing', ['timings', 'train_s'], -1, '"timings.train_s" must be a number of seconds (0 or more) or null, got -1'],
    ['an unknown dependency cache result', ['cache', 'dependencies'], 'warm', '"cache.dependencies" must be hit, partial, miss or none, got "warm"'],
    ['an unknown run-cache result', ['cache', 'run'], true, '"cache.run" must be hit, miss or off, got true'],
    ['a failure that is text', ['failure'], 'boom', '"failure" must be an object with phase, exit_code, signal, message and log_tail, or null, got "boom"']
  ])('refuses %s', (_, path, value, message) => {
    expect(parseError(withField(path, value))).toBe(`${SOURCE}: ${message}`)
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown phase', { phase: 'deploy' }, '"failure.phase" must be install, train, evaluate, metrics or mlflow, got "deploy"'],
    ['a fractional exit code', { exit_code: 1.5 }, '"failure.exit_code" must be a whole number or null, got 1.5'],
    ['a signal without SIG', { signal: 'KILL' }, '"failure.signal" must be a signal name such as "SIGKILL", or null, got "KILL"'],
    ['a message that is not text', { message: ['a'] }, '"failure.message" must be text, got a list'],
    ['no log tail', { log_tail: undefined }, '"failure.log_tail" is missing; it must be text']
  ])('refuses a failure with %s', (_, change, message) => {
    const data = withField(['failure'], { ...failureRecord, ...change })
    data.status = 'failed'
    expect(parseError(data)).toBe(`${SOURCE}: ${message}`)
  })

  it('refuses a status that contradicts the failure', () => {
    expect(parseError(withField(['status'], 'failed'))).toBe(`${SOURCE}: "status" must be "success" because "failure" is null, got "failed"`)
    expect(parseError(withField(['failure'], failureRecord))).toBe(`${SOURCE}: "status" must be "failed" because "failure" is set, got "success"`)
  })

  it('refuses a file listed twice', () => {
    const data = withField(['files', 1, 'path'], 'model.pkl')
    expect(parseError(data)).toBe(`${SOURCE}: "files[1].path" repeats files[0]: "model.pkl"`)
  })

  it('refuses more than 100,000 files before checking any of them', () => {
    expect(parseError(withField(['files'], new Array(100_001).fill(0)))).toBe(`${SOURCE}: "files" lists 100001 files; a manifest may list at most 100000`)
  })

  it('shows untrusted text escaped, on one line', () => {
    const message = parseError(withField(['model'], 'evil\u2028\u0085\u001b[31mred'))
    expect(message).toBe(
      `${SOURCE}: "model" must be a model name: 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit, got "evil\\u2028\\u0085\\u001b[31mred"`
    )
  })
})

describe('parseManifest: metrics', () => {
  it.each<[string, unknown, string]>([
    ['no metrics', undefined, '"metrics" is missing; it must be an object of metric names to numbers'],
    ['a list', [0.9], '"metrics" must be an object of metric names to numbers, got a list'],
    ['an empty name', { '': 1 }, '"metrics" has a metric with an empty name'],
    ['a name too long', { ['n'.repeat(201)]: 1 }, `"metrics" has a metric name longer than 200 characters: "${'n'.repeat(80)}…"`],
    ['a name with a newline', { 'test\nf1': 1 }, '"metrics" has a metric name with a control character: "test\\nf1"'],
    ['a name with a line separator', { 'test\u2028f1': 1 }, '"metrics" has a metric name with a control character: "test\\u2028f1"'],
    ['a value as text', { accuracy: '0.93' }, 'metrics["accuracy"] must be a finite number, got "0.93"'],
    ['a null value', { accuracy: null }, 'metrics["accuracy"] must be a finite number, got null'],
    ['"__proto__" that is not a number', JSON.parse('{"__proto__": "x"}'), 'metrics["__proto__"] must be a finite number, got "x"']
  ])('refuses %s', (_, metrics, message) => {
    expect(parseError(withField(['metrics'], metrics))).toBe(`${SOURCE}: ${message}`)
  })

  it('refuses a number too large for a double, which JSON.parse reads as Infinity', () => {
    // JSON.stringify cannot write such a number; a hand-made manifest can.
    const text = JSON.stringify(withField(['metrics'], { accuracy: 1 })).replace('"accuracy":1', '"accuracy":1e400')
    expect(userError(() => parseManifest(text, SOURCE)).message).toBe(`${SOURCE}: metrics["accuracy"] must be a finite number, got Infinity`)
  })

  it('accepts a metric name of 200 characters', () => {
    const name = 'n'.repeat(200)
    expect(parseManifest(JSON.stringify(withField(['metrics'], { [name]: 1 })), SOURCE).metrics).toEqual({ [name]: 1 })
  })

  it('refuses more than 10,000 metrics', () => {
    const metrics = Object.fromEntries(Array.from({ length: 10_001 }, (_, index) => [`m${index}`, index]))
    expect(parseError(withField(['metrics'], metrics))).toBe(`${SOURCE}: "metrics" holds 10001 metrics; a manifest may hold at most 10000`)
  })
})
