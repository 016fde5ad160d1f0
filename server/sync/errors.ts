/** Input that is well-formed but beyond a limit: the connection is closed with 4413. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}
