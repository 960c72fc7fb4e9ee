/** Keeps the last `capacity` lines in a ring, so a log of any length takes bounded memory. */
export class TailBuffer {
  private readonly ring: string[] = []
  private next = 0

  constructor(private readonly capacity: number) {}

  push(line: string): void {
    if (this.capacity <= 0) return
    if (this.ring.length < this.capacity) {
      this.ring.push(line)
      return
    }
    this.ring[this.next] = line
    this.next = (this.next + 1) % this.capacity
  }

  /** The kept lines, oldest first. */
  lines(): string[] {
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)]
  }
}
