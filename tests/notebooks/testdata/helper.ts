/** A module the fixture notebooks import relative to their own folder. */
export function greet(name: string): string {
  return `hello, ${name}`;
}
