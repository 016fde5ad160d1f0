/** A load-generating process: serves the scenario handlers of this folder to the coordinator. */
import { serve } from '../ipc';
import { editsHandlers } from './edits';
import { floodHandlers } from './flood';
import { presenceHandlers } from './presence';
import { stormHandlers } from './storm';

// Hundreds of sockets, each with its listeners.
process.setMaxListeners(0);
serve({ ...editsHandlers, ...floodHandlers, ...presenceHandlers, ...stormHandlers });
process.send?.({ id: 0, result: 'ready' });
