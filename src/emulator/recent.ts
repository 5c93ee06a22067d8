/**
 * The latest `capacity` values: once full, each new one takes the place of the oldest, so that adding
 * never copies the list (the emulator adds one per request and may serve for days).
 */
export class Recent<T> {
  private readonly items: T[] = [];
  private oldest = 0;

  constructor(private readonly capacity: number) {}

  add(item: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.oldest] = item;
    this.oldest = (this.oldest + 1) % this.capacity;
  }

  /** Every value kept, oldest first. */
  values(): T[] {
    return [...this.items.slice(this.oldest), ...this.items.slice(0, this.oldest)];
  }
}
