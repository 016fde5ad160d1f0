/** Input that is well-formed but beyond a limit: the connection is closed with 4413. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

/** This process holds as many boards as it may: the client should retry later (4503). */
export class ServerBusyError extends Error {
  override readonly name = 'ServerBusyError';
}

/** Storage is unreachable and the room holds as much unstored as it may: retry later (4503). */
export class StorageOutageError extends Error {
  override readonly name = 'StorageOutageError';
}

/**
 * A count beyond a limit (presence ids, sync requests): the connection is closed with 4429 and
 * `reason`, a sentence short enough for a close frame (123 bytes).
 */
export class TooManyError extends Error {
  override readonly name = 'TooManyError';

  constructor(readonly reason: string) {
    super(reason);
  }
}
