import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['availability_event', 'calendar_feed'];

export class AvailabilityEventsAndCalendarFeeds1795455761291 implements MigrationInterface {
  name = 'AvailabilityEventsAndCalendarFeeds1795455761291';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "availability_event" (
                "id" BIGSERIAL NOT NULL,
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "type" text NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b5ec5afd30ced30ceaa4b0d5b4f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "availability_event_age" ON "availability_event" ("created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "availability_event_replay" ON "availability_event" ("cpts_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_feed" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "practitioner_id" uuid NOT NULL,
                "secret_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6c0c708ec32135062782236d9f" ON "calendar_feed" ("secret_hash")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "calendar_feed_active_per_practitioner" ON "calendar_feed" ("practitioner_id")
            WHERE revoked_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "slot_free_by_cpts_start" ON "slot" ("cpts_id", "starts_at")
            WHERE status = 'free'
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "FK_359b0bf3fbfb4d2abcdea65389c" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`
                CREATE POLICY tenant_isolation ON "${table}" TO cpts_tenant
                USING ("cpts_id" = current_cpts_id())
                WITH CHECK ("cpts_id" = current_cpts_id())
            `);
    }
    // Tables get their grants by default privileges; a sequence does not.
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "availability_event_id_seq" TO cpts_tenant`);
    // Every instance's event stream learns of an event when its transaction commits, and only
    // then; payloads are a few ids and times (AvailabilityEvents.record bounds them), far
    // under the 8000 bytes a notification may carry.
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER availability_event_notify ON "availability_event"`);
    await queryRunner.query(`DROP FUNCTION notify_availability_event()`);
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
    }
    await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_359b0bf3fbfb4d2abcdea65389c"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."slot_free_by_cpts_start"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."calendar_feed_active_per_practitioner"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6c0c708ec32135062782236d9f"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_feed"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."availability_event_replay"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."availability_event_age"
        `);
    await queryRunner.query(`
            DROP TABLE "availability_event"
        `);
  }
}
