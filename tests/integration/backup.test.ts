/** `npm run backup` (SPEC N6): an online copy that opens with every board, taken while the server writes. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/storage/sqlite';
import { notesMap } from '../../shared/model/doc';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { removeDataDir, tempDataDir, waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, docFromStored, note, seatedParticipant, serverFor, waitFor } from './support';

const defer = cleanupAfterEach();
const run = promisify(execFile);

describe('backup', () => {
  it('[N6] npm run backup copies the running database with the online backup API, and the copy opens with every board and every note', async () => {
    const { current: ts } = await serverFor(defer);
    const template = await boardOn(ts, 'excite-d1.4');
    const live = await boardOn(ts);
    const ada = await seatedParticipant(ts.store, live);
    const writer = clientOf(defer, ts.server, live.id, ada);
    await waitForSync(writer);
    // Notes still in the log (not compacted) and in the WAL: the copy must hold them too.
    for (let i = 0; i < 25; i++) addNote(writer.doc, note(`Written before the backup ${i}`, { author: ada.author }), localOrigin('w'));
    await waitFor(() => notesMap(ts.server.rooms.peek(live.id)?.doc ?? writer.doc).size === 25, 'the server to have the notes');
    await ts.server.rooms.peek(live.id)?.flushed();

    const outDir = tempDataDir();
    defer(() => removeDataDir(outDir));
    const out = join(outDir, 'backup.sqlite');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--data-dir', ts.dataDir, '--out', out]);
    expect(stdout).toMatch(/^Backed up 2 boards \(\d+ documents\) to .*backup\.sqlite; every board opens\.$/m);

    const copy = new SqliteStore(out);
    try {
      expect(copy.damage).toEqual([]);
      expect(notesMap(docFromStored(await copy.loadState(live.id))).size).toBe(25);
      expect(notesMap(docFromStored(await copy.loadState(template.id))).size).toBe(59);
      expect((await copy.getBoard(live.id))?.tokens).toEqual(live.tokens);
    } finally {
      await copy.close();
    }

    // A backup never overwrites a file.
    await expect(run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--data-dir', ts.dataDir, '--out', out])).rejects.toMatchObject({
      stderr: expect.stringMatching(/exists already; choose a new file/),
    });
  }, 60_000);
});
