import { formatSseComment, formatSseEvent, parseLastEventId } from './sse';

describe('server-sent events', () => {
  it('formats an event with its id, type and JSON data on one line', () => {
    expect(
      formatSseEvent({ id: '42', type: 'slot.published', payload: { slotId: 'a', note: 'x\ny' } }),
    ).toBe('id: 42\nevent: slot.published\ndata: {"slotId":"a","note":"x\\ny"}\n\n');
  });

  it('keeps a comment on one line', () => {
    expect(formatSseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(formatSseComment('a\r\nb')).toBe(': a b\n\n');
  });

  it('accepts only positive integer event ids', () => {
    expect(parseLastEventId('17')).toBe('17');
    expect(parseLastEventId(' 17 ')).toBe('17');
    for (const value of [undefined, '', '0', '-1', '1.5', 'abc', '1'.repeat(20)]) {
      expect(parseLastEventId(value)).toBeUndefined();
    }
  });
});
