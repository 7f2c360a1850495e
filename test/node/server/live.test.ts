/** The live hub: each citizen's open streams, counted, and what reaches them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveMessage } from '../../../server/live.ts';
import { LiveHub } from '../../../server/live.ts';

const message: LiveMessage = { id: 1, event: 'progress', data: '{}' };

describe('live hub', () => {
  it('counts each citizen’s streams', () => {
    const hub = new LiveHub();
    const first = hub.subscribe('anna', () => {});
    hub.subscribe('anna', () => {});
    hub.subscribe('boris', () => {});
    assert.deepEqual([hub.streamsOf('anna'), hub.streamsOf('boris'), hub.streamsOf('vera')], [2, 1, 0]);
    first();
    assert.equal(hub.streamsOf('anna'), 1);
  });

  it('keeps a citizen’s next stream when an ended one unsubscribes again', () => {
    const hub = new LiveHub();
    const ended = hub.subscribe('anna', () => {});
    ended();
    const received: LiveMessage[] = [];
    hub.subscribe('anna', (m) => received.push(m));
    ended(); // a stream ends both on abort and when its loop stops
    hub.publish('anna', [message]);
    assert.deepEqual(received, [message]);
    assert.equal(hub.streamsOf('anna'), 1);
  });
});
