import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  'orientation_request',
  'appointment',
  'offer',
  'request_event',
  'matching_decision',
];

export class Orientation1795456496119 implements MigrationInterface {
  name = 'Orientation1795456496119';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "orientation_request" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "reference" text NOT NULL,
                "kind" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "idempotency_key" text NOT NULL,
                "body_hash" text NOT NULL,
                "created_by_token_id" uuid,
                "patient_first_name" text NOT NULL,
                "patient_last_name" text NOT NULL,
                "patient_birth_date" date NOT NULL,
                "patient_phone" text NOT NULL,
                "patient_email" text,
                "patient_commune_code" text NOT NULL,
                "referring_practitioner_rpps" text,
                "reason" text NOT NULL DEFAULT '',
                "accepted_modes" text array NOT NULL,
                "priority_flags" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "escalated_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "unmet_reason" text,
                "late" boolean NOT NULL DEFAULT false,
                "assigned_practitioner_id" uuid,
                "assigned_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "orientation_request_assignment" CHECK (
                    (status = 'assigned') <= (assigned_practitioner_id IS NOT NULL)
                ),
                CONSTRAINT "orientation_request_reason_length" CHECK (char_length(reason) <= 200),
                CONSTRAINT "orientation_request_status" CHECK (
                    status IN (
                        'pending',
                        'offered',
                        'booked',
                        'assigned',
                        'unmet',
                        'redirected',
                        'cancelled'
                    )
                ),
                CONSTRAINT "orientation_request_kind" CHECK (kind IN ('urgent', 'referring_physician')),
                CONSTRAINT "PK_bf28fbd90eaef1f7ad4cb6c424d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "orientation_request_by_created" ON "orientation_request" ("cpts_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "orientation_request_open_by_deadline" ON "orientation_request" ("deadline_at")
            WHERE status IN ('pending', 'offered')
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "orientation_request_reference" ON "orientation_request" ("cpts_id", "reference")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "orientation_request_idempotency" ON "orientation_request" ("cpts_id", "idempotency_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "appointment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "request_id" uuid NOT NULL,
                "practitioner_id" uuid NOT NULL,
                "slot_id" uuid,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "mode" text NOT NULL,
                "status" text NOT NULL DEFAULT 'booked',
                "source" text NOT NULL,
                "outcome" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "appointment_times" CHECK (ends_at > starts_at),
                CONSTRAINT "appointment_surnumeraire_has_no_slot" CHECK (
                    source <> 'surnumeraire'
                    OR slot_id IS NULL
                ),
                CONSTRAINT "appointment_source" CHECK (
                    source IN ('matching', 'coordinator_slot', 'surnumeraire')
                ),
                CONSTRAINT "appointment_outcome" CHECK (
                    outcome IS NULL
                    OR outcome IN ('honoured', 'no_show')
                ),
                CONSTRAINT "appointment_status" CHECK (status IN ('booked', 'cancelled')),
                CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "appointment_recent_by_practitioner" ON "appointment" ("practitioner_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "appointment_one_booking_per_request" ON "appointment" ("request_id")
            WHERE status = 'booked'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "appointment_one_booking_per_slot" ON "appointment" ("slot_id")
            WHERE status = 'booked'
        `);
    await queryRunner.query(`
            CREATE TABLE "matching_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "request_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "trigger" text NOT NULL,
                "outcome" text NOT NULL,
                "candidates" jsonb NOT NULL,
                "explanation" text NOT NULL,
                CONSTRAINT "PK_ddd1d32db14a05af02cf9fc34ae" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "matching_decision_by_request" ON "matching_decision" ("request_id", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "offer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "request_id" uuid NOT NULL,
                "practitioner_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "decline_reason" text,
                CONSTRAINT "offer_status" CHECK (
                    status IN (
                        'pending',
                        'accepted',
                        'declined',
                        'expired',
                        'withdrawn'
                    )
                ),
                CONSTRAINT "PK_57c6ae1abe49201919ef68de900" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "offer_by_request" ON "offer" ("request_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "offer_pending_by_expiry" ON "offer" ("expires_at")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE INDEX "offer_pending_by_practitioner" ON "offer" ("practitioner_id")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "offer_one_pending_per_request" ON "offer" ("request_id")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE TABLE "request_event" (
                "id" BIGSERIAL NOT NULL,
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "request_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "type" text NOT NULL,
                "actor_token_id" uuid,
                "from_status" text,
                "detail" jsonb NOT NULL DEFAULT '{}',
                CONSTRAINT "PK_156f0e366bd6410bfe226bea635" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "request_event_by_request" ON "request_event" ("request_id", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment"
            ADD CONSTRAINT "FK_8bd7ad5abec29ab109542e4a625" FOREIGN KEY ("request_id") REFERENCES "orientation_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment"
            ADD CONSTRAINT "FK_72eda36fff2f87a9ddb61446b82" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment"
            ADD CONSTRAINT "FK_9f9596ccb3fe8e63358d9bfcbdb" FOREIGN KEY ("slot_id") REFERENCES "slot"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "matching_decision"
            ADD CONSTRAINT "FK_0b2f810ce47b57f4c8a414b79a6" FOREIGN KEY ("request_id") REFERENCES "orientation_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "offer"
            ADD CONSTRAINT "FK_ff6acf22d2026ddb210ac4f6339" FOREIGN KEY ("request_id") REFERENCES "orientation_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "offer"
            ADD CONSTRAINT "FK_4012dd3dad8abecdd93cc94214c" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request_event"
            ADD CONSTRAINT "FK_2dc1adeba3dad9d1748e262c2fb" FOREIGN KEY ("request_id") REFERENCES "orientation_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON "${table}" TO cpts_tenant
                USING (cpts_id = current_cpts_id()) WITH CHECK (cpts_id = current_cpts_id())`);
    }
    await queryRunner.query(`GRANT USAGE ON SEQUENCE request_event_id_seq TO cpts_tenant`);
    // The timeline is an audit trail: the service may add to it, never rewrite it.
    await queryRunner.query(`REVOKE UPDATE, DELETE ON request_event FROM cpts_tenant`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
    await queryRunner.query(`
            ALTER TABLE "request_event" DROP CONSTRAINT "FK_2dc1adeba3dad9d1748e262c2fb"
        `);
    await queryRunner.query(`
            ALTER TABLE "offer" DROP CONSTRAINT "FK_4012dd3dad8abecdd93cc94214c"
        `);
    await queryRunner.query(`
            ALTER TABLE "offer" DROP CONSTRAINT "FK_ff6acf22d2026ddb210ac4f6339"
        `);
    await queryRunner.query(`
            ALTER TABLE "matching_decision" DROP CONSTRAINT "FK_0b2f810ce47b57f4c8a414b79a6"
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment" DROP CONSTRAINT "FK_9f9596ccb3fe8e63358d9bfcbdb"
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment" DROP CONSTRAINT "FK_72eda36fff2f87a9ddb61446b82"
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment" DROP CONSTRAINT "FK_8bd7ad5abec29ab109542e4a625"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."request_event_by_request"
        `);
    await queryRunner.query(`
            DROP TABLE "request_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."offer_one_pending_per_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."offer_pending_by_practitioner"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."offer_pending_by_expiry"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."offer_by_request"
        `);
    await queryRunner.query(`
            DROP TABLE "offer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."matching_decision_by_request"
        `);
    await queryRunner.query(`
            DROP TABLE "matching_decision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."appointment_one_booking_per_slot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."appointment_one_booking_per_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."appointment_recent_by_practitioner"
        `);
    await queryRunner.query(`
            DROP TABLE "appointment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."orientation_request_idempotency"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."orientation_request_reference"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."orientation_request_open_by_deadline"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."orientation_request_by_created"
        `);
    await queryRunner.query(`
            DROP TABLE "orientation_request"
        `);
  }
}
