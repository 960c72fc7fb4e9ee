import { describe, expect, it } from '@jest/globals'
import { OutputLines } from '../../../src/adapters/node/output-lines.js'
import { TailBuffer } from '../../../src/adapters/node/tail-buffer.js'

function linesOf(chunks: (string | Buffer)[], maxLineBytes?: number): string[] {
  const lines: string[] = []
  const splitter = new OutputLines((line) => lines.push(line), maxLineBytes)
  for (const chunk of chunks) splitter.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  splitter.end()
  return lines
}

describe('OutputLines', () => {
  it('splits on newlines across chunks and flushes a last line without one', () => {
    expect(linesOf(['one\ntw', 'o\n\nthr', 'ee'])).toEqual(['one', 'two', '', 'three'])
  })

  it('adds no empty last line when the output ends with a newline', () => {
    expect(linesOf(['done\n'])).toEqual(['done'])
    expect(linesOf([])).toEqual([])
  })

  it('strips the carriage return of CRLF, also when CR and LF arrive in different chunks', () => {
    expect(linesOf(['a\r\nb\r', '\nc\r\n'])).toEqual(['a', 'b', 'c'])
  })

  it('keeps only the latest state of a progress bar that redraws with carriage returns', () => {
    expect(linesOf(['  0%|\r 50%|', '#####\r', '100%|##########\n', 'next\n'])).toEqual(['100%|##########', 'next'])
  })

  it('reassembles a multi-byte character split across chunks', () => {
    const euro = Buffer.from('€') // three bytes
    expect(linesOf([Buffer.from('price: '), euro.subarray(0, 1), euro.subarray(1, 2), Buffer.concat([euro.subarray(2), Buffer.from('5\n')])])).toEqual(['price: €5'])
  })

  it('cuts a line longer than the limit with a marker and keeps the next line whole', () => {
    const lines = linesOf(['x'.repeat(30), 'y'.repeat(30), '\nafter\n'], 40)
    expect(lines).toEqual([`${'x'.repeat(30)}${'y'.repeat(10)} [… line cut at 40 bytes]`, 'after'])
  })

  it('does not leave half a character where a line is cut', () => {
    // 'é' is two bytes: 'aé' is three, so a cut at 2 bytes falls inside the 'é'.
    expect(linesOf(['aéé\n'], 2)).toEqual(['a [… line cut at 2 bytes]'])
    expect(linesOf(['aéé\n'], 3)).toEqual(['aé [… line cut at 3 bytes]'])
  })
})

describe('TailBuffer', () => {
  it('keeps the last lines in order once it wraps around', () => {
    const tail = new TailBuffer(3)
    for (let i = 1; i <= 7; i++) tail.push(`line ${i}`)
    expect(tail.lines()).toEqual(['line 5', 'line 6', 'line 7'])
  })

  it('keeps every line while there are fewer than its capacity, and none with capacity 0', () => {
    const tail = new TailBuffer(3)
    tail.push('only')
    expect(tail.lines()).toEqual(['only'])
    const none = new TailBuffer(0)
    none.push('dropped')
    expect(none.lines()).toEqual([])
  })
})
