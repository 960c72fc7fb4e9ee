/** `text` as a regular expression that matches it exactly: for messages that hold a path or a parser's words. */
export function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
