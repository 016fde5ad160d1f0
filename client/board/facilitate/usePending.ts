import { useState } from 'react';

/**
 * A switch that shows what the facilitator just chose until the server's answer arrives over the
 * control document (which may come a moment after the HTTP reply). The choice is remembered with
 * the server value it was made against: as soon as the server value moves on, the server wins.
 */
export function usePending<T>(
  server: T,
  key: (value: T) => string = (value) => JSON.stringify(value),
): {
  shown: T;
  choose(next: T): void;
  forget(): void;
} {
  const [pending, setPending] = useState<{ value: T; base: string } | null>(null);
  const serverKey = key(server);
  const shown = pending && pending.base === serverKey ? pending.value : server;
  return {
    shown,
    choose: (next) => setPending({ value: next, base: serverKey }),
    forget: () => setPending(null),
  };
}
