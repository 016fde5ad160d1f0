/**
 * The suggestion worker (issue 19): holds this screen's index of the notes its person may see and
 * answers the screen's questions, off the main thread. All it does is in shared/suggest/.
 */
import { indexEngine } from '../../../shared/suggest/indexEngine';
import { answer, type SuggestRequest } from '../../../shared/suggest/protocol';

const engine = indexEngine();

self.addEventListener('message', (event: MessageEvent<SuggestRequest>) => {
  const response = answer(engine, event.data);
  if (response) self.postMessage(response);
});
