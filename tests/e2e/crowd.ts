/**
 * A full room without 30 browsers: people join a board through the API (each gets a seat) and
 * stay present through a Node `y-websocket` provider carrying their presence, as a browser would.
 * The browsers under test then see a realistic crowd in the presence strip, the People panel and
 * the counts. Call `crowd.leave()` (or let the fixture's afterEach do it) to disconnect everyone.
 */
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CLUSTERS } from '../../shared/model/vocabulary';
import { type CreatedBoard, type Seat, SEAT_HEADER, WS_PATH_PREFIX } from '../../shared/protocol';
import { stockProvider } from '../helpers/provider';

/** First names from the six partner countries, cycled for as many people as asked. */
const NAMES = [
  'Anna',
  'Jonas',
  'Mila',
  'Petar',
  'Ieva',
  'Tomasz',
  'Lucía',
  'Hugo',
  'Greta',
  'Ivan',
  'Rūta',
  'Zofia',
  'Pablo',
  'Camille',
  'Lena',
  'Dimitar',
  'Marius',
  'Kasia',
  'Elena',
  'Théo',
  'Sophie',
  'Georgi',
  'Lukas',
  'Agnieszka',
  'Javier',
  'Manon',
  'Felix',
  'Nikolay',
  'Aistė',
  'Marta',
];

export interface CrowdMember {
  name: string;
  cluster: string;
  seat: Seat;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export interface Crowd {
  readonly members: readonly CrowdMember[];
  /** Marks a member as typing in a note (the presence field a browser sets while editing). */
  setEditing(member: CrowdMember, noteId: string | null): void;
  leave(): Promise<void>;
}

function tokenOf(link: string): string {
  const token = new URL(link).hash.match(/token=([^&]+)/)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return decodeURIComponent(token);
}

/**
 * Joins `count` people (names cycled, clusters spread over the six partners) to `board` through
 * its participant link and keeps them present until `leave()`. Resolves once all are connected.
 */
export async function fillRoom(serverUrl: string, board: CreatedBoard, count: number): Promise<Crowd> {
  const token = tokenOf(board.links.participant);
  const wsUrl = `${serverUrl.replace(/^http/, 'ws')}${WS_PATH_PREFIX.slice(0, -1)}`;
  const clusters = CLUSTERS.map((cluster) => cluster.id);
  const members: CrowdMember[] = [];
  // Each Node provider listens for the process's exit; a room of them is expected, not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), count + 20));
  for (let i = 0; i < count; i++) {
    const name = i < NAMES.length ? NAMES[i]! : `${NAMES[i % NAMES.length]!} ${Math.floor(i / NAMES.length) + 1}`;
    const cluster = clusters[i % clusters.length]!;
    const response = await fetch(`${serverUrl}/api/boards/${encodeURIComponent(board.id)}/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, cluster }),
    });
    if (!response.ok) throw new Error(`join ${name}: ${response.status} ${await response.text()}`);
    const seat = (await response.json()) as Seat;
    const { doc, provider } = stockProvider(wsUrl, board.id, { params: { token, seat: seat.seat } });
    provider.awareness.setLocalState({ user: { id: seat.personId, name, cluster }, editing: null, focus: null });
    members.push({ name, cluster, seat, doc, provider });
  }
  await Promise.all(
    members.map(
      (member) =>
        new Promise<void>((resolve, reject) => {
          if (member.provider.synced) return resolve();
          const timer = setTimeout(() => reject(new Error(`${member.name} did not sync`)), 15_000);
          member.provider.once('sync', () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    ),
  );
  return {
    members,
    setEditing(member, noteId) {
      member.provider.awareness.setLocalStateField('editing', noteId);
    },
    async leave() {
      for (const member of members.splice(0)) {
        member.provider.destroy();
        member.doc.destroy();
      }
    },
  };
}

/** The seat header name, for tests that act as a crowd member over HTTP (votes, readiness). */
export { SEAT_HEADER };
