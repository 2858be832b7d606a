// Errors the user can act on: the CLI prints the message alone (no stack) and
// exits 2. Anything else is a bug and keeps its stack.

export class UserError extends Error {
  override name = 'UserError';
}
