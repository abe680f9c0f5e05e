import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stream position of an availability event is drawn at commit, in commit order per CPTS
 * (see AvailabilityEvent). Ids were drawn at insert: a transaction that inserted first and
 * committed last got a lower id than events already streamed, and a client resuming after those
 * with Last-Event-ID never received it.
 */
export class AvailabilityEventCommitOrder1795462781278 implements MigrationInterface {
  name = 'AvailabilityEventCommitOrder1795462781278';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."availability_event_replay"
        `);
    await queryRunner.query(`
            ALTER TABLE "availability_event"
            ADD "position" bigint
        `);
    // Events already streamed keep their id as position, so that clients' Last-Event-IDs still hold.
    await queryRunner.query(`UPDATE "availability_event" SET "position" = "id"`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "availability_event_replay" ON "availability_event" ("cpts_id", "position")
        `);
    await queryRunner.query(`CREATE SEQUENCE "availability_event_position"`);
    await queryRunner.query(`
            SELECT setval('availability_event_position', greatest(
                (SELECT max("id") FROM "availability_event"),
                (SELECT last_value FROM "availability_event_id_seq")))
        `);
    await queryRunner.query(`DROP TRIGGER availability_event_notify ON "availability_event"`);
    await queryRunner.query(`DROP FUNCTION notify_availability_event()`);
    // Runs as the transaction commits (deferred), as the table's owner: the tenant role may not
    // update the journal. The lock is per CPTS (every event of a transaction is of its tenant) and
    // is held until the commit is visible, so the next committer of that CPTS draws a higher position.
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

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER availability_event_commit ON "availability_event"`);
    await queryRunner.query(`DROP FUNCTION availability_event_commit()`);
    await queryRunner.query(`
            CREATE FUNCTION notify_availability_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('availability_event', json_build_object(
                    'id', NEW.id::text, 'cptsId', NEW.cpts_id, 'type', NEW.type,
                    'payload', NEW.payload)::text);
                RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER availability_event_notify AFTER INSERT ON "availability_event"
            FOR EACH ROW EXECUTE FUNCTION notify_availability_event()
        `);
    await queryRunner.query(`DROP SEQUENCE "availability_event_position"`);
    await queryRunner.query(`
            DROP INDEX "public"."availability_event_replay"
        `);
    await queryRunner.query(`
            ALTER TABLE "availability_event" DROP COLUMN "position"
        `);
    await queryRunner.query(`
            CREATE INDEX "availability_event_replay" ON "availability_event" ("cpts_id", "id")
        `);
  }
}
