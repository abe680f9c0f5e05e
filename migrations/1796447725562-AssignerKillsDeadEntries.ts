import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assigner reads the events still without a position through the partial index
 * availability_event_unpositioned. Each event it numbers leaves a dead entry there until VACUUM,
 * and a bitmap scan (which the planner picks on a few pending rows) visits the heap for every one
 * of them at every run: its cost grew with the events numbered since the table was last
 * vacuumed (1,774 entries and every heap page after 10 s of bookings). A plain index scan marks
 * each entry whose row is dead to every transaction, and the next scans step over it without
 * visiting the heap; the btree drops marked entries when its last page fills. So the function
 * plans its statements with bitmap and sequential scans off.
 */
export class AssignerKillsDeadEntries1796447725562 implements MigrationInterface {
  name = 'AssignerKillsDeadEntries1796447725562';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER FUNCTION assign_availability_event_positions()
            SET enable_bitmapscan = off
        `);
    await queryRunner.query(`
            ALTER FUNCTION assign_availability_event_positions()
            SET enable_seqscan = off
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER FUNCTION assign_availability_event_positions() RESET enable_seqscan
        `);
    await queryRunner.query(`
            ALTER FUNCTION assign_availability_event_positions() RESET enable_bitmapscan
        `);
  }
}
