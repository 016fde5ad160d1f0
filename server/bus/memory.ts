/**
 * An update bus inside one process: several `Rooms` (one per simulated instance) joined through a
 * hub. For tests of the multi-instance rules without Redis, and the reference the Redis bus is
 * held to by the contract suite. Deliveries are asynchronous, as over a network; a `HubNetwork`
 * makes them late and lossy the way the contract allows (the multi-instance fuzz test).
 */
import type { BoardEvent, BusChannel, BusHandlers, UpdateBus } from './bus';

type Message = { kind: 'update'; update: Uint8Array; stored: boolean } | { kind: 'awareness'; update: Uint8Array };

/** How the hub delivers: a delay per message, and whether it is lost. */
export interface HubNetwork {
  delayMs(): number;
  /**
   * Whether this message is lost. The member is then told to reload instead, as the Redis bus
   * does when it finds a gap; messages from one publisher on one document still arrive in order.
   */
  lost(): boolean;
}

interface Member {
  bus: MemoryBus;
  /** Messages waiting for `start`. */
  backlog: Message[] | null;
  handlers: BusHandlers | null;
}

export class MemoryHub {
  private readonly channels = new Map<string, Set<Member>>();
  private readonly buses = new Set<MemoryBus>();
  /** Messages on their way from a publisher to a member, in order, each with when it arrives. */
  private readonly inFlight = new WeakMap<Member, Map<MemoryBus, { at: number; run: () => void }[]>>();

  constructor(private readonly network: HubNetwork | null = null) {}

  bus(): MemoryBus {
    const bus = new MemoryBus(this);
    this.buses.add(bus);
    return bus;
  }

  /** @internal */
  join(key: string, member: Member): void {
    let members = this.channels.get(key);
    if (!members) this.channels.set(key, (members = new Set()));
    members.add(member);
  }

  /** @internal */
  leave(key: string, member: Member): void {
    const members = this.channels.get(key);
    members?.delete(member);
    if (members?.size === 0) this.channels.delete(key);
  }

  /** @internal */
  send(key: string, from: MemoryBus, message: Message): void {
    for (const member of this.channels.get(key) ?? []) {
      if (member.bus === from) continue;
      const arrive = () => {
        if (member.backlog) member.backlog.push(message);
        else if (member.handlers) deliver(member.handlers, message);
      };
      if (!this.network) {
        setImmediate(arrive);
        continue;
      }
      const lost = message.kind === 'update' && this.network.lost();
      this.schedule(member, from, Date.now() + this.network.delayMs(), lost ? () => member.handlers?.resync() : arrive);
    }
  }

  /** One queue per publisher and member: a message never overtakes an earlier one. */
  private schedule(member: Member, from: MemoryBus, at: number, run: () => void): void {
    let queues = this.inFlight.get(member);
    if (!queues) this.inFlight.set(member, (queues = new Map()));
    let queue = queues.get(from);
    if (!queue) queues.set(from, (queue = []));
    queue.push({ at, run });
    if (queue.length > 1) return;
    const pump = (waiting: { at: number; run: () => void }[]) => {
      const head = waiting[0];
      if (!head) return;
      setTimeout(
        () => {
          waiting.shift();
          head.run();
          pump(waiting);
        },
        Math.max(0, head.at - Date.now()),
      );
    };
    pump(queue);
  }

  /** @internal */
  event(from: MemoryBus, event: BoardEvent): void {
    for (const bus of this.buses) if (bus !== from) setImmediate(() => bus.emit(event));
  }
}

function deliver(handlers: BusHandlers, message: Message): void {
  if (message.kind === 'update') handlers.update(message.update, message.stored);
  else handlers.awareness(message.update);
}

export class MemoryBus implements UpdateBus {
  readonly kind = 'memory';
  private readonly listeners: ((event: BoardEvent) => void)[] = [];
  private readonly members = new Map<Member, string>();

  constructor(private readonly hub: MemoryHub) {}

  async open(boardId: string, docKey: string): Promise<BusChannel> {
    const key = `${boardId}/${docKey}`;
    const member: Member = { bus: this, backlog: [], handlers: null };
    this.hub.join(key, member);
    this.members.set(member, key);
    return {
      start: (handlers) => {
        const backlog = member.backlog ?? [];
        member.backlog = null;
        member.handlers = handlers;
        for (const message of backlog) deliver(handlers, message);
      },
      publishUpdate: (update, stored) => this.hub.send(key, this, { kind: 'update', update, stored }),
      publishAwareness: (update) => this.hub.send(key, this, { kind: 'awareness', update }),
      close: () => {
        this.hub.leave(key, member);
        this.members.delete(member);
      },
    };
  }

  /** Tells every open channel of this instance that deliveries may have been missed (tests). */
  simulateMissedDeliveries(): void {
    for (const member of this.members.keys()) member.handlers?.resync();
  }

  publishEvent(event: BoardEvent): void {
    this.hub.event(this, event);
  }

  onEvent(listener: (event: BoardEvent) => void): void {
    this.listeners.push(listener);
  }

  /** @internal */
  emit(event: BoardEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    for (const [member, key] of this.members) this.hub.leave(key, member);
    this.members.clear();
  }
}
