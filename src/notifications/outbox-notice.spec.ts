import { parseOutboxNotice } from './outbox-notice';

describe('parseOutboxNotice', () => {
  const id = '7b0c3f3e-8c1e-4a57-9f55-0c1f6b1f2a10';

  it('reads the row the trigger describes', () => {
    expect(
      parseOutboxNotice(
        JSON.stringify({ id, channel: 'sms', sendAt: '2026-12-04T13:00:00.123456+00:00' }),
      ),
    ).toEqual({ id, channel: 'sms', sendAt: new Date('2026-12-04T13:00:00.123Z') });
  });

  it.each([
    ['not JSON', id],
    ['not an object', '"x"'],
    ['an unknown channel', JSON.stringify({ id, channel: 'fax', sendAt: '2026-12-04T13:00:00Z' })],
    ['no send time', JSON.stringify({ id, channel: 'email' })],
    ['a bad send time', JSON.stringify({ id, channel: 'email', sendAt: 'soon' })],
    ['no id', JSON.stringify({ channel: 'email', sendAt: '2026-12-04T13:00:00Z' })],
  ])('answers undefined for %s', (_case, payload) => {
    expect(parseOutboxNotice(payload)).toBeUndefined();
  });
});
