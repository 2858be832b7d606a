// What connection.ts asks the PostgreSQL thread (worker.ts), and its answers.

export interface ConnectOptions {
  host?: string;
  port?: number;
  /** A Unix socket's path, when the server is reached through one. */
  path?: string;
  database: string;
  username?: string;
  password?: string;
  ssl?: 'require' | 'prefer' | false;
  connect_timeout?: number;
}

export interface StatementCall {
  text: string;
  params: unknown[];
  /** Rows as arrays of values, in the columns' order, not objects. */
  raw: boolean;
}

export interface StatementResult {
  rows: unknown[];
  /** Rows changed, for INSERT, UPDATE and DELETE. */
  count: number;
}

export type Request =
  | { op: 'connect'; options: ConnectOptions }
  /** detached: answered at once, run behind; a failure is thrown by the next request. */
  | { op: 'batch'; id: number; connection: 'run' | 'texts'; calls: StatementCall[]; detached?: boolean }
  | { op: 'open'; id: number; cursor: number; call: StatementCall; size: number }
  | { op: 'more'; id: number; cursor: number }
  | { op: 'shut'; id: number; cursor: number }
  | { op: 'end'; id: number };

export interface Response {
  id?: number;
  results?: StatementResult[];
  rows?: unknown[];
}
