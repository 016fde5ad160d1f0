/** Thrown by the guard's checks; its message is the reason the writer is told (W7). */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

export function refuse(reason: string): never {
  throw new Refusal(reason);
}
