/**
 * Looking a caller's string up in a table. `table[key]` would also find what every object inherits
 * (`constructor`, `toString`, `__proto__`), so a name sent by anyone could reach a function: only
 * the table's own entries count.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string | number): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
