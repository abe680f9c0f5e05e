import { statementName } from './prepared-statements';

describe('statementName', () => {
  it('names a text the same every time, and two texts differently, within PostgreSQL’s 63 bytes', () => {
    const first = statementName('SELECT 1 WHERE $1');
    expect(statementName('SELECT 1 WHERE $1')).toBe(first);
    expect(statementName('SELECT 2 WHERE $1')).not.toBe(first);
    expect(first).toMatch(/^s[0-9a-f]{24}_\d+$/);
  });

  it('stops naming new texts after a thousand, and keeps the names it gave', () => {
    const kept = statementName('SELECT $1::int');
    for (let i = 0; i < 1000; i += 1) statementName(`SELECT ${i} WHERE $1`);
    expect(statementName('SELECT a new text WHERE $1')).toBeUndefined();
    expect(statementName('SELECT $1::int')).toBe(kept);
  });
});
