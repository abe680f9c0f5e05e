import { combineStatements } from './sql';

describe('combineStatements', () => {
  it('leaves one statement as it is', () => {
    expect(combineStatements([{ sql: 'DELETE FROM t WHERE id = $1', parameters: [7] }])).toEqual([
      'DELETE FROM t WHERE id = $1',
      [7],
    ]);
  });

  it('makes several one statement of WITH items, placeholders renumbered in order', () => {
    const [sql, parameters] = combineStatements([
      { sql: 'UPDATE a SET x = $2 WHERE id = $1', parameters: ['a1', 'x'] },
      { sql: 'INSERT INTO b (p, q) VALUES ($1, $2::int)', parameters: ['p', 2] },
      { sql: 'INSERT INTO c (r) VALUES ($1), ($1)', parameters: ['r'] },
    ]);
    expect(sql).toBe(
      'WITH w0 AS (UPDATE a SET x = $2 WHERE id = $1),\n' +
        'w1 AS (INSERT INTO b (p, q) VALUES ($3, $4::int)),\n' +
        'w2 AS (INSERT INTO c (r) VALUES ($5), ($5))\nSELECT 1',
    );
    expect(parameters).toEqual(['a1', 'x', 'p', 2, 'r']);
  });

  it('refuses a statement with a WITH of its own, which PostgreSQL cannot nest', () => {
    expect(() =>
      combineStatements([
        { sql: 'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', parameters: [] },
        { sql: 'DELETE FROM t', parameters: [] },
      ]),
    ).toThrow('without a WITH');
  });
});
