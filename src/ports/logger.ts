/** Where commands say what they are doing. Annotations carry a file when one is known. */
export interface Logger {
  info(message: string): void
  debug(message: string): void
  warning(message: string, properties?: { file?: string; title?: string }): void
  group<T>(title: string, work: () => Promise<T>): Promise<T>
}
