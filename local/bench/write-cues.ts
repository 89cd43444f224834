import type { LocalTableStream } from '../table-stream.js';

/**
 * Calls `onWrite(id)` after each successful write to a feedback record (`FEEDBACK#<id>` /
 * `FEEDBACK`) by any of the runtime's clients (this thread's and the pipeline thread's: the table
 * stream observes them all): the cue for the steady phase to ask the API whether an item is
 * readable yet, instead of polling every item (which would load the store it measures). Only a
 * cue: readability is always confirmed through `GET /v1/feedback/{id}`.
 */
export function watchFeedbackWrites(stream: LocalTableStream, onWrite: (id: string) => void): () => void {
  return stream.onWrite((keys) => {
    if (keys.pk?.startsWith('FEEDBACK#') && keys.sk === 'FEEDBACK') onWrite(keys.pk.slice('FEEDBACK#'.length));
  });
}
