import { DataSource } from 'typeorm';

import { dataSourceOptions } from '../src/database/data-source';
import { Database } from '../src/database/database';
import { runExclusive } from '../src/database/exclusive';
import { LockId } from '../src/database/lock-ids';
import { holdAdvisoryLock } from './support/advisory-lock';
import { createScratchDatabase, ScratchDatabase } from './support/scratch-database';

describe('work once across instances (Database.exclusive, runExclusive)', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let db: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    dataSource = await new DataSource(dataSourceOptions(scratch.url, 4)).initialize();
    db = new Database(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('runs the work and answers its result when no one holds the lock', async () => {
    expect(await db.exclusive(LockId.OrientationSweep, () => Promise.resolve(42))).toBe(42);
  });

  it('answers undefined without running the work while another transaction holds the lock', async () => {
    const release = await holdAdvisoryLock(db, LockId.OrientationSweep);
    let ran = false;
    try {
      const answer = await db.exclusive(LockId.OrientationSweep, () =>
        Promise.resolve((ran = true)),
      );
      expect(answer).toBeUndefined();
      expect(ran).toBe(false);
      // Another lock id is not excluded by this one.
      expect(await db.exclusive(LockId.PatternGeneration, () => Promise.resolve('other'))).toBe(
        'other',
      );
    } finally {
      await release();
    }
    expect(await db.exclusive(LockId.OrientationSweep, () => Promise.resolve('after'))).toBe(
      'after',
    );
  });

  it('lets one of two concurrent runs work, and releases the lock at commit or rollback', async () => {
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const first = db.exclusive(LockId.CampaignReminders, async () => {
      inside();
      await finished;
      return 'first';
    });
    await entered;
    const second = await db.exclusive(LockId.CampaignReminders, () => Promise.resolve('second'));
    finish();
    expect(await first).toBe('first');
    expect(second).toBeUndefined();

    await expect(
      db.exclusive(LockId.CampaignReminders, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await db.exclusive(LockId.CampaignReminders, () => Promise.resolve('free'))).toBe(
      'free',
    );
  });

  it("runs in the caller's transaction, whose writes are the work's", async () => {
    const answer = await db.system((manager) =>
      runExclusive(manager, LockId.CapacityNudge, async () => {
        const [row] = await manager.query<Array<{ held: boolean }>>(
          `SELECT count(*) = 1 AS held FROM pg_locks
            WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted`,
        );
        return row.held;
      }),
    );
    expect(answer).toBe(true);
  });
});
