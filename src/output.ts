// What the program writes for people: the reason a write failed.

import { getSystemErrorMap } from 'node:util';

/** "no space left on device" rather than "ENOSPC: no space left on device, write". */
export function systemErrorText(error: Error): string {
  const errno = (error as NodeJS.ErrnoException).errno;
  return (errno !== undefined && getSystemErrorMap().get(errno)?.[1]) || error.message;
}
