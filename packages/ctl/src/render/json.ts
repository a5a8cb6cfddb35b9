// --json output: one JSON document per command, two-space indented, newline-terminated.
// The shapes are documented in packages/ctl/README.md; fields use the wire's snake_case names.
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
