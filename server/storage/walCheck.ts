/**
 * [N4] Checks a SQLite WAL file before SQLite opens it. SQLite replays WAL frames up to the first
 * frame whose checksum fails and silently ignores everything after it: garbage written into the
 * middle of a WAL made 91 of 229 notes vanish with nothing logged. This reads the WAL as SQLite
 * does (https://www.sqlite.org/fileformat2.html#walformat): the header, then each frame's
 * cumulative checksum, and reports damage when a frame fails *and* later frames of the same WAL
 * generation (same salts) follow it: those are committed transactions SQLite would drop.
 *
 * What is not damage: frames after the last commit (a transaction cut short by a crash, never
 * acknowledged), and frames with other salts (left over from before a checkpoint restarted the
 * WAL: SQLite ignores them by design).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LITTLE = 0x377f0682;
const MAGIC_BIG = 0x377f0683;

export interface WalReport {
  /** Frames SQLite will replay (up to the last valid commit). */
  validFrames: number;
  /** Frames the file holds, whole ones. */
  frames: number;
  /** A sentence for the log and /readyz, or null when nothing would be lost. */
  damage: string | null;
}

/** SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `s`. */
function checksum(data: Buffer, big: boolean, s: [number, number]): [number, number] {
  let [s0, s1] = s;
  for (let i = 0; i < data.length; i += 8) {
    const x0 = big ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = big ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

export function checkWal(path: string): WalReport | null {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  if (size === 0) return null;
  const fd = openSync(path, 'r');
  try {
    const read = (offset: number, length: number): Buffer => {
      const buffer = Buffer.alloc(length);
      const got = readSync(fd, buffer, 0, length, offset);
      return got === length ? buffer : buffer.subarray(0, got);
    };
    if (size < HEADER_BYTES) return { validFrames: 0, frames: 0, damage: null };
    const header = read(0, HEADER_BYTES);
    const magic = header.readUInt32BE(0);
    const pageSize = header.readUInt32BE(8);
    const frameBytes = FRAME_HEADER_BYTES + pageSize;
    const validPageSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
    const frames = validPageSize ? Math.floor((size - HEADER_BYTES) / frameBytes) : 0;
    if ((magic !== MAGIC_LITTLE && magic !== MAGIC_BIG) || !validPageSize) {
      return {
        validFrames: 0,
        frames,
        damage: `the WAL header is damaged (it holds about ${Math.floor((size - HEADER_BYTES) / 4120)} frames SQLite would ignore)`,
      };
    }
    const big = magic === MAGIC_BIG;
    let sum = checksum(header.subarray(0, 24), big, [0, 0]);
    if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) {
      return { validFrames: 0, frames, damage: `the WAL header fails its checksum: SQLite would ignore all ${frames} frames` };
    }
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    let validFrames = 0;
    let firstBad = -1;
    for (let index = 0; index < frames; index++) {
      const frame = read(HEADER_BYTES + index * frameBytes, frameBytes);
      const sameGeneration = frame.readUInt32BE(8) === salt1 && frame.readUInt32BE(12) === salt2;
      if (firstBad >= 0) {
        // A later frame of this generation: committed work SQLite will not replay.
        if (sameGeneration) {
          const lost = frames - firstBad;
          return {
            validFrames,
            frames,
            damage: `WAL frame ${firstBad + 1} of ${frames} is damaged (its checksum fails): SQLite would silently ignore it and the ${lost - 1} frames after it`,
          };
        }
        continue;
      }
      // A frame of another generation ends the log, unless frames of this one follow (then its
      // salts were overwritten: damage, found on the next turns).
      if (!sameGeneration) {
        firstBad = index;
        continue;
      }
      sum = checksum(frame.subarray(0, 8), big, sum);
      sum = checksum(frame.subarray(FRAME_HEADER_BYTES), big, sum);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) {
        firstBad = index;
        continue;
      }
      // A commit frame carries the database size after it; others carry 0.
      if (frame.readUInt32BE(4) !== 0) validFrames = index + 1;
    }
    return { validFrames, frames, damage: null };
  } finally {
    closeSync(fd);
  }
}
