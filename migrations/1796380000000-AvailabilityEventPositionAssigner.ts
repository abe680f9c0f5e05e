import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Availability events get their stream position after their transaction has committed, from a
 * single assigner (`assign_availability_event_positions()`), instead of in the committing
 * transaction under a per-CPTS lock: bookings of one CPTS no longer wait for each other's commit.
 * Positions still grow in the order events become visible (see docs/availability.md).
 */
export class AvailabilityEventPositionAssigner1796380000000 implements MigrationInterface {
  name = 'AvailabilityEventPositionAssigner1796380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER availability_event_commit ON "availability_event"`);
    await queryRunner.query(`DROP FUNCTION availability_event_commit()`);
    await queryRunner.query(`
            CREATE INDEX "availability_event_unpositioned" ON "availability_event" ("id")
            WHERE position IS NULL
        `);
    // Tells the assigners that events committed (one notification per transaction: identical
    // notifications of a transaction are folded into one). No lock, no write.
    await queryRunner.query(`
            CREATE FUNCTION availability_event_committed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('availability_event_committed', '');
                RETURN NULL;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER availability_event_committed AFTER INSERT ON "availability_event"
            FOR EACH STATEMENT EXECUTE FUNCTION availability_event_committed()
        `);
    // The assigner: one at a time (the lock is held until its commit is visible), it numbers the
    // committed events without a position in id order and notifies each of them. Every statement
    // of a plpgsql function reads a fresh snapshot, taken here after the lock: it sees the
    // positions of the previous assigner, and every event committed before it began.
    await queryRunner.query(`
            CREATE FUNCTION assign_availability_event_positions() RETURNS integer
            LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
            DECLARE
                assigned integer;
            BEGIN
                PERFORM pg_advisory_xact_lock(1635150198);
                WITH pending AS (
                    SELECT id FROM availability_event WHERE position IS NULL ORDER BY id
                ), numbered AS (
                    SELECT id, nextval('availability_event_position') AS position FROM pending
                ), updated AS (
                    UPDATE availability_event e SET position = n.position
                      FROM numbered n WHERE e.id = n.id
                    RETURNING e.position, e.cpts_id, e.type, e.payload
                )
                SELECT count(pg_notify('availability_event', json_build_object(
                           'id', u.position::text, 'cptsId', u.cpts_id, 'type', u.type,
                           'payload', u.payload)::text))
                  INTO assigned
                  FROM (SELECT * FROM updated ORDER BY position) u;
                RETURN assigned;
            END $$
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT assign_availability_event_positions()`);
    await queryRunner.query(`DROP FUNCTION assign_availability_event_positions()`);
    await queryRunner.query(`DROP TRIGGER availability_event_committed ON "availability_event"`);
    await queryRunner.query(`DROP FUNCTION availability_event_committed()`);
    await queryRunner.query(`DROP INDEX "public"."availability_event_unpositioned"`);
    await queryRunner.query(`
            CREATE FUNCTION availability_event_commit() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                assigned bigint;
            BEGIN
                PERFORM pg_advisory_xact_lock(1635150198, hashtext(NEW.cpts_id::text));
                assigned := nextval('availability_event_position');
                UPDATE availability_event SET position = assigned WHERE id = NEW.id;
                PERFORM pg_notify('availability_event', json_build_object(
                    'id', assigned::text, 'cptsId', NEW.cpts_id, 'type', NEW.type,
                    'payload', NEW.payload)::text);
                RETURN NULL;
            END $$
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER availability_event_commit AFTER INSERT ON "availability_event"
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION availability_event_commit()
        `);
  }
}
