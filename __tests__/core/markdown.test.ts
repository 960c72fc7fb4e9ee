import { describe, expect, it } from '@jest/globals'
import { escapeMarkdown, inlineCode } from '../../src/core/markdown.js'

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
