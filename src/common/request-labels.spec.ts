import { runInNewContext } from 'node:vm';

import {
  KIND_LABELS,
  requestLabelsModule,
  STATUS_LABELS,
  UNMET_REASON_LABELS,
} from './request-labels';

describe('requestLabelsModule', () => {
  it('writes the labels of the CSV export as the constants /ui/words.js re-exports', () => {
    const body = requestLabelsModule().replace(/^export /gm, '');
    const read: unknown = runInNewContext(
      `${body}({ KIND_LABELS, STATUS_LABELS, UNMET_REASON_LABELS })`,
    );
    expect(read).toEqual({ KIND_LABELS, STATUS_LABELS, UNMET_REASON_LABELS });
  });
});
