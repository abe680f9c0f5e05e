import { fitSms } from './sms-fit';

describe('fitSms', () => {
  it('keeps every detail when the text fits', () => {
    expect(fitSms(['Bonjour ', { variants: ['Hélène', ''], shrinkFirst: 1 }, ', à bientôt.'])).toBe(
      'Bonjour Hélène, à bientot.',
    );
  });

  it('drops detail in the given order until one segment is reached', () => {
    const text = fitSms([
      { variants: ['A'.repeat(60), 'A'.repeat(10)], shrinkFirst: 2 },
      { variants: ['B'.repeat(60), 'B'.repeat(10)], shrinkFirst: 1 },
      'C'.repeat(60),
    ]);
    expect(text).toBe(`${'A'.repeat(60)}${'B'.repeat(10)}${'C'.repeat(60)}`);
  });

  it('stays longer than one segment when even the shortest variants do not fit', () => {
    const text = fitSms([{ variants: ['x'.repeat(200), 'x'.repeat(170)], shrinkFirst: 1 }]);
    expect(text).toHaveLength(170);
  });
});
