import { maskRecipient } from './recipient-mask';

describe('maskRecipient', () => {
  it('keeps the country, the first digit and the last two of a phone number', () => {
    expect(maskRecipient('sms', '+33612345678')).toBe('+33 6 •• •• •• 78');
    expect(maskRecipient('sms', '+32470123456')).toBe('+32 •• 56');
  });

  it('keeps the first letter and the domain of an address', () => {
    expect(maskRecipient('email', 'marie.dupont@example.fr')).toBe('m••@example.fr');
  });

  it('shows the platform token of a webhook', () => {
    expect(maskRecipient('webhook', '5b8f7c8e-1111-4c1e-9a55-2b7d3f0c9e11')).toBe(
      '5b8f7c8e-1111-4c1e-9a55-2b7d3f0c9e11',
    );
  });
});
