// What GitHub interprets of a Markdown document, for tests that check user text renders inert.

/** The Markdown outside fenced code blocks and inline code spans (CommonMark's rules for both), which is what GitHub interprets. */
export function outsideCode(markdown: string): string {
  const kept: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    if (fence === undefined) {
      const open = /^(`{3,})/.exec(line)
      if (open) fence = open[1]
      else kept.push(line)
    } else if (new RegExp(`^${fence}\`*\\s*$`).test(line)) {
      fence = undefined
    }
  }
  const text = kept.join('\n')
  let visible = ''
  for (let i = 0; i < text.length; ) {
    // A backslash-escaped character (a "\`" too) is literal text, outside code spans.
    if (text[i] === '\\' && i + 1 < text.length) {
      visible += text.slice(i, i + 2)
      i += 2
      continue
    }
    if (text[i] !== '`') {
      visible += text[i++]
      continue
    }
    const run = /^`+/.exec(text.slice(i))![0]
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g')
    close.lastIndex = i + run.length
    const end = close.exec(text)
    if (end === null) {
      visible += run
      i += run.length
    } else {
      i = end.index + run.length
    }
  }
  return visible
}
