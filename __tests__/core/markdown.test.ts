import { describe, expect, it } from '@jest/globals'
import { escapeMarkdown, inlineCode } from '../../src/core/markdown.js'
import { showUntrusted } from '../../src/core/untrusted-text.js'

/** Every zero-width and bidirectional control character that can make one name look like another. */
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff']

describe('invisible characters', () => {
  it.each(INVISIBLE)('shows U+%#… escaped, never as it is', (character) => {
    const code = character.charCodeAt(0).toString(16).padStart(4, '0')
    expect(inlineCode(`acc${character}uracy`)).toBe(`\`acc\\u${code}uracy\``)
    // Markdown's own escape for the backslash: it shows as one.
    expect(escapeMarkdown(`acc${character}uracy`)).toBe(`acc\\\\u${code}uracy`)
    expect(showUntrusted(`acc${character}uracy`, 100)).toBe(`"acc\\u${code}uracy"`)
  })

  it('leaves other non-ASCII text alone', () => {
    expect(inlineCode('précision élevée 精度')).toBe('`précision élevée 精度`')
  })
})

describe('escapeMarkdown', () => {
  it('neutralises HTML, links, mentions, emphasis and table pipes', () => {
    const text = '<img src=x onerror=alert(1)> [click](https://evil) @octocat **bold** a|b'
    const escaped = escapeMarkdown(text)
    expect(escaped).not.toMatch(/<img/)
    expect(escaped).not.toMatch(/\]\(/)
    expect(escaped).not.toMatch(/@octocat/)
    expect(escaped).not.toMatch(/\*\*/)
    expect(escaped).not.toMatch(/[^\\]\|/)
    expect(escaped).toContain('&lt;img')
  })

  it('keeps text on one line', () => {
    expect(escapeMarkdown('a\nb\r\nc')).toBe('a b c')
    // A lone carriage return also ends a line of Markdown, and would split a table row.
    expect(escapeMarkdown('a\rb\u2028c\u0000\td')).toBe('a b c d')
  })
})

describe('inlineCode', () => {
  it('fences text holding backticks with a longer run', () => {
    expect(inlineCode('a`b')).toBe('``a`b``')
    expect(inlineCode('`x`')).toBe('`` `x` ``')
  })

  it('escapes pipes so a table cell stays one cell', () => {
    expect(inlineCode('a|b')).toBe('`a\\|b`')
  })

  it('keeps a file name with line breaks on one line', () => {
    expect(inlineCode('models/a\rb\n\nc.py')).toBe('`models/a b c.py`')
  })
})
