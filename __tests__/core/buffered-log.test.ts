/** A training's log kept aside while others train beside it, then written out in one piece. */
import { expect, test } from '@jest/globals'
import { BUFFERED_LOGS_CHARS, BufferedLog } from '../../src/core/buffered-log.js'
import type { Logger } from '../../src/ports/logger.js'

/** A Logger that writes what it is told as GitHub's log would show it. */
function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const logger: Logger = {
    info: (message) => lines.push(message),
    debug: (message) => lines.push(`::debug::${message}`),
    warning: (message, properties) => lines.push(`::warning file=${properties?.file ?? ''}::${message}`),
    group: async (title, work) => {
      lines.push(`::group::${title}`)
      try {
        return await work()
      } finally {
        lines.push('::endgroup::')
      }
    }
  }
  return { logger, lines }
}

test('two trainings at once, each kept aside, come out one after the other, each in its own groups', async () => {
  const a = new BufferedLog(BUFFERED_LOGS_CHARS / 2)
  const b = new BufferedLog(BUFFERED_LOGS_CHARS / 2)
  const train = async (log: BufferedLog, name: string, pause: number) => {
    log.logger.info(`${name}: run-cache miss`)
    await log.logger.group(`Train ${name}`, async () => {
      log.logger.info(`${name}: epoch 1`)
      await new Promise((resolve) => setTimeout(resolve, pause))
      log.logger.warning(`${name}: metric skipped`, { file: `models/${name}/outputs/metrics.json` })
      log.logger.debug(`${name}: epoch 2`)
    })
    log.logger.info(`${name}: uploaded`)
  }
  await Promise.all([train(a, 'a', 20), train(b, 'b', 5)])

  const { logger, lines } = recordingLogger()
  await a.writeTo(logger)
  await b.writeTo(logger)
  const piece = (name: string) => [
    `${name}: run-cache miss`,
    `::group::Train ${name}`,
    `${name}: epoch 1`,
    `::warning file=models/${name}/outputs/metrics.json::${name}: metric skipped`,
    `::debug::${name}: epoch 2`,
    '::endgroup::',
    `${name}: uploaded`
  ]
  expect(lines).toEqual([...piece('a'), ...piece('b')])
})

test('past its bound, a group keeps its first lines and its last ones, and says how many it left out', async () => {
  // Ten characters a line: five lines fit the bound.
  const log = new BufferedLog(50)
  await log.logger.group('Train big', async () => {
    for (let line = 1; line <= 400; line++) log.logger.info(`line ${String(line).padStart(5, '0')}`)
    log.logger.warning('kept whatever the bound')
  })
  const { logger, lines } = recordingLogger()
  await log.writeTo(logger)

  expect(lines.slice(0, 6)).toEqual(['::group::Train big', 'line 00001', 'line 00002', 'line 00003', 'line 00004', 'line 00005'])
  expect(lines[6]).toBe('::warning file=::kept whatever the bound')
  expect(lines[7]).toMatch(/^… 195 lines not shown: .* up to 50 characters, then the last 200 lines of each part …$/)
  expect(lines.slice(8, -1)).toEqual(Array.from({ length: 200 }, (_, index) => `line ${String(index + 201).padStart(5, '0')}`))
  expect(lines.at(-1)).toBe('::endgroup::')
})
