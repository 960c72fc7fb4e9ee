const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d

/** Lines longer than this many bytes are cut, so one endless line cannot exhaust memory. */
const MAX_LINE_BYTES = 64 * 1024

/**
 * Turns one output stream's chunks into lines of UTF-8 text.
 *
 * Lines are split on the raw bytes: a newline byte never occurs inside a multi-byte UTF-8
 * character, so a character split across chunks is reassembled before its line is decoded, and
 * the length limit counts real bytes. A carriage return that is not part of a CRLF starts the
 * line over, as on a terminal: progress bars (tqdm, pip) keep only their latest state instead of
 * growing one line with every update.
 */
export class OutputLines {
  private parts: Buffer[] = []
  private size = 0
  private cut = false
  /** The line so far ended with a carriage return: more text on it overwrites it. */
  private returnedToLineStart = false

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES
  ) {}

  write(chunk: Buffer): void {
    let start = 0
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start)
      if (newline === -1) {
        this.append(chunk.subarray(start))
        return
      }
      this.append(chunk.subarray(start, newline))
      this.emitLine()
      start = newline + 1
    }
  }

  /** Emits a last line that had no newline. */
  end(): void {
    if (this.size > 0 || this.cut) this.emitLine()
  }

  private append(segment: Buffer): void {
    let textEnd = segment.length
    while (textEnd > 0 && segment[textEnd - 1] === CARRIAGE_RETURN) textEnd--
    const endsWithReturn = textEnd < segment.length
    let text = segment.subarray(0, textEnd)
    if (text.length > 0) {
      if (this.returnedToLineStart) this.clear()
      const lastReturn = text.lastIndexOf(CARRIAGE_RETURN)
      if (lastReturn !== -1) {
        this.clear()
        text = text.subarray(lastReturn + 1)
      }
      this.keep(text)
      this.returnedToLineStart = endsWithReturn
    } else if (endsWithReturn) {
      this.returnedToLineStart = true
    }
  }

  private keep(text: Buffer): void {
    const room = this.maxLineBytes - this.size
    if (text.length > room) {
      this.cut = true
      text = text.subarray(0, room)
    }
    if (text.length === 0) return
    this.parts.push(text)
    this.size += text.length
  }

  private emitLine(): void {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size)
    const line = this.cut
      ? `${bytes.toString('utf8', 0, completeCharactersEnd(bytes))} [… line cut at ${this.maxLineBytes} bytes]`
      : bytes.toString('utf8')
    this.clear()
    this.returnedToLineStart = false
    this.emit(line)
  }

  private clear(): void {
    this.parts = []
    this.size = 0
    this.cut = false
  }
}

/** Where the bytes end once a multi-byte character that the cut split in two is dropped. */
function completeCharactersEnd(bytes: Buffer): number {
  let lead = bytes.length - 1
  while (lead > 0 && (bytes[lead] & 0xc0) === 0x80) lead--
  if (lead < 0) return 0
  const first = bytes[lead]
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1
  return lead + length > bytes.length ? lead : bytes.length
}
