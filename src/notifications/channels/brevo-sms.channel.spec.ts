import { acceptedEvent } from './brevo-sms.channel';

describe("Brevo's SMS event log: was the message taken in?", () => {
  const tag = '6f1c2d1e-9f4b-4c53-9a57-0d9c1b7a2e10';

  it.each(['sent', 'accepted', 'delivered', 'hardBounces', 'softBounces', 'replies'])(
    'counts %s as taken in: sending again would send twice',
    (event) => {
      expect(acceptedEvent([{ tag, event, messageId: 42 }], tag)).toEqual({
        tag,
        event,
        messageId: 42,
      });
    },
  );

  it.each(['rejected', 'skipped', 'skip', 'blocked'])('counts %s as not taken in', (event) => {
    expect(acceptedEvent([{ tag, event, messageId: 42 }], tag)).toBeUndefined();
  });

  it('looks only at events of this tag, past the refusals', () => {
    const events = [
      { tag: 'another', event: 'delivered', messageId: 1 },
      { tag, event: 'rejected', messageId: 2 },
      { tag, event: 'sent', messageId: 3 },
    ];
    expect(acceptedEvent(events, tag)?.messageId).toBe(3);
    expect(acceptedEvent(events.slice(0, 2), tag)).toBeUndefined();
  });

  it('answers nothing for a body without events', () => {
    expect(acceptedEvent(undefined, tag)).toBeUndefined();
    expect(acceptedEvent({ events: 'none' }, tag)).toBeUndefined();
  });
});
