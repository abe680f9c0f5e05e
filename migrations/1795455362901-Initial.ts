import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['practitioner', 'access_token', 'slot', 'notification'];

/** The row-level security policy of a table whose rows belong to one CPTS. */
function tenantPolicy(table: string, column = 'cpts_id'): string[] {
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON "${table}" TO cpts_tenant
            USING ("${column}" = current_cpts_id())
            WITH CHECK ("${column}" = current_cpts_id())`,
  ];
}

export class Initial1795455362901 implements MigrationInterface {
  name = 'Initial1795455362901';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // The CPTS a transaction acts for (set by Database.tenant), or null outside any.
    await queryRunner.query(`
            CREATE FUNCTION current_cpts_id() RETURNS uuid LANGUAGE sql STABLE AS $$
                SELECT nullif(current_setting('app.cpts_id', true), '')::uuid
            $$
        `);
    // The role a transaction takes to act for one CPTS (see src/database/database.ts).
    // Roles are shared by the whole server: another database may create it at the same time.
    await queryRunner.query(`
            DO $$ BEGIN
                CREATE ROLE cpts_tenant NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
        `);
    await queryRunner.query(`
            DO $$ BEGIN
                IF NOT pg_has_role(current_user, 'cpts_tenant', 'MEMBER') THEN
                    EXECUTE format('GRANT cpts_tenant TO %I', current_user);
                END IF;
            END $$
        `);
    await queryRunner.query(`
            CREATE TABLE "practitioner" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "rpps" text NOT NULL,
                "first_name" text NOT NULL,
                "last_name" text NOT NULL,
                "email" text NOT NULL,
                "phone" text NOT NULL,
                "address" text NOT NULL,
                "commune_code" text NOT NULL,
                "latitude" double precision,
                "longitude" double precision,
                "modes" text array NOT NULL,
                "languages" text array NOT NULL DEFAULT '{fr}',
                "weekly_urgent_cap" integer NOT NULL DEFAULT '20',
                "notify_email" boolean NOT NULL DEFAULT true,
                "notify_sms" boolean NOT NULL DEFAULT false,
                "active" boolean NOT NULL DEFAULT true,
                "accepting_new_patients" boolean NOT NULL DEFAULT false,
                "open_places" integer NOT NULL DEFAULT '0',
                "age_min" integer,
                "age_max" integer,
                "capacity_commune_codes" text array,
                "capacity_updated_at" TIMESTAMP WITH TIME ZONE,
                "availability_updated_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "practitioner_age_range" CHECK (
                    age_min IS NULL
                    OR age_max IS NULL
                    OR age_min <= age_max
                ),
                CONSTRAINT "practitioner_weekly_urgent_cap" CHECK (weekly_urgent_cap >= 0),
                CONSTRAINT "practitioner_open_places" CHECK (open_places >= 0),
                CONSTRAINT "practitioner_modes" CHECK (
                    cardinality(modes) > 0
                    AND modes <@ ARRAY ['in_person', 'teleconsultation', 'home_visit']
                ),
                CONSTRAINT "practitioner_rpps_format" CHECK (rpps ~ '^[0-9]{11}$'),
                CONSTRAINT "PK_6e23eae1429fc2e897d9eebac42" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "practitioner_rpps_per_cpts" ON "practitioner" ("cpts_id", "rpps")
        `);
    await queryRunner.query(`
            CREATE TABLE "access_token" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "role" text NOT NULL,
                "label" text NOT NULL,
                "practitioner_id" uuid,
                "token_hash" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "access_token_practitioner_binding" CHECK (
                    (role = 'practitioner') = (practitioner_id IS NOT NULL)
                ),
                CONSTRAINT "access_token_role" CHECK (
                    role IN ('coordinator', 'platform', 'practitioner')
                ),
                CONSTRAINT "PK_f20f028607b2603deabd8182d12" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d1e0f699436608cc429896f991" ON "access_token" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "cpts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "commune_codes" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_8713c9d14e447f9433f1d1a7e14" UNIQUE ("slug"),
                CONSTRAINT "PK_398ab031d291fed54ccb8989e9f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "slot" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "practitioner_id" uuid NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "mode" text NOT NULL,
                "status" text NOT NULL DEFAULT 'free',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "slot_status" CHECK (status IN ('free', 'booked')),
                CONSTRAINT "slot_mode" CHECK (
                    mode IN ('in_person', 'teleconsultation', 'home_visit')
                ),
                CONSTRAINT "slot_length" CHECK (
                    ends_at - starts_at BETWEEN interval '5 minutes'
                    AND interval '240 minutes'
                ),
                CONSTRAINT "slot_no_overlap" EXCLUDE USING gist (
                    "practitioner_id" WITH =,
                    tstzrange("starts_at", "ends_at") WITH &&
                ),
                CONSTRAINT "PK_5b1f733c4ba831a51f3c114607b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_5384c35a95ccbd8eadbfd6296a" ON "slot" ("practitioner_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "slot_free_by_start" ON "slot" ("starts_at", "practitioner_id")
            WHERE status = 'free'
        `);
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "channel" text NOT NULL,
                "recipient" text NOT NULL,
                "template" text NOT NULL,
                "params" jsonb NOT NULL DEFAULT '{}',
                "status" text NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "provider_message_id" text,
                "last_error" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "notification_status" CHECK (status IN ('pending', 'sent', 'failed')),
                CONSTRAINT "notification_channel" CHECK (channel IN ('sms', 'email', 'webhook')),
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "notification_pending" ON "notification" ("created_at")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            ALTER TABLE "access_token"
            ADD CONSTRAINT "FK_060e0c28c05699979752004ec95" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "slot"
            ADD CONSTRAINT "FK_5384c35a95ccbd8eadbfd6296a6" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    for (const table of TENANT_TABLES) {
      for (const statement of tenantPolicy(table)) await queryRunner.query(statement);
    }
    for (const statement of tenantPolicy('cpts', 'id')) await queryRunner.query(statement);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO cpts_tenant`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cpts_tenant`,
    );
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cpts_tenant`,
    );
    await queryRunner.query(`REVOKE ALL ON "migrations" FROM cpts_tenant`);
    await queryRunner.query(`REVOKE INSERT, DELETE ON "cpts" FROM cpts_tenant`);
    // The outbox relay learns of new notifications when their transaction commits.
    await queryRunner.query(`
            CREATE FUNCTION notify_notification_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('notification_outbox', NEW.id::text);
                RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER notification_outbox AFTER INSERT ON "notification"
            FOR EACH ROW EXECUTE FUNCTION notify_notification_outbox()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER notification_outbox ON "notification"`);
    await queryRunner.query(`DROP FUNCTION notify_notification_outbox()`);
    for (const table of [...TENANT_TABLES, 'cpts']) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
    }
    await queryRunner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM cpts_tenant`,
    );
    await queryRunner.query(`
            ALTER TABLE "slot" DROP CONSTRAINT "FK_5384c35a95ccbd8eadbfd6296a6"
        `);
    await queryRunner.query(`
            ALTER TABLE "access_token" DROP CONSTRAINT "FK_060e0c28c05699979752004ec95"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notification_pending"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."slot_free_by_start"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_5384c35a95ccbd8eadbfd6296a"
        `);
    await queryRunner.query(`
            DROP TABLE "slot"
        `);
    await queryRunner.query(`
            DROP TABLE "cpts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d1e0f699436608cc429896f991"
        `);
    await queryRunner.query(`
            DROP TABLE "access_token"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."practitioner_rpps_per_cpts"
        `);
    await queryRunner.query(`
            DROP TABLE "practitioner"
        `);
    await queryRunner.query(`DROP FUNCTION current_cpts_id()`);
  }
}
