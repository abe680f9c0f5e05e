import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['person', 'session', 'sign_in_link'];

/**
 * People who sign in, their sessions and sign-in links (tenant tables under row-level security),
 * the deployment's link key and the sign-in attempts (system only), and who acted in the audit.
 */
export class PeopleAndSessions1796337291156 implements MigrationInterface {
  name = 'PeopleAndSessions1796337291156';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "link_key" (
                "id" smallint NOT NULL,
                "secret" bytea NOT NULL,
                CONSTRAINT "link_key_single_row" CHECK (id = 1),
                CONSTRAINT "PK_e31ff38736ff4eb438604120b5c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "person" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "role" text NOT NULL,
                "rpps" text,
                "practitioner_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "person_rpps" CHECK (
                    rpps IS NULL
                    OR rpps ~ '^[0-9]{11}$'
                ),
                CONSTRAINT "person_email_normalised" CHECK (
                    email = lower(btrim(email))
                    AND email LIKE '%_@_%'
                ),
                CONSTRAINT "person_practitioner_binding" CHECK (
                    (role = 'practitioner') = (practitioner_id IS NOT NULL)
                ),
                CONSTRAINT "person_role" CHECK (
                    role IN ('coordinator', 'operator', 'practitioner')
                ),
                CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "person_by_email" ON "person" ("email")
        `);
    await queryRunner.query(`
            CREATE INDEX "person_by_rpps" ON "person" ("rpps")
            WHERE rpps IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "person_per_practitioner" ON "person" ("practitioner_id")
            WHERE practitioner_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "person_email_per_cpts" ON "person" ("cpts_id", "email")
            WHERE practitioner_id IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "person_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "csrf_token" text NOT NULL,
                "scope" text NOT NULL,
                "method" text NOT NULL,
                "link_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "idle_seconds" integer,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "session_method" CHECK (method IN ('psc', 'email', 'link')),
                CONSTRAINT "session_scope" CHECK (scope IN ('full', 'practitioner_link')),
                CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a83507eb0338ac037780e02f2b" ON "session" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "session_by_person" ON "session" ("person_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sign_in_attempt" (
                "id" BIGSERIAL NOT NULL,
                "email_hash" bytea NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7708f8d7d88593210f3d359f81d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "sign_in_attempt_by_email" ON "sign_in_attempt" ("email_hash", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "sign_in_link" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "person_id" uuid NOT NULL,
                "token_hash" bytea NOT NULL,
                "purpose" text NOT NULL,
                "scope" text NOT NULL,
                "next" text NOT NULL,
                "reusable" boolean NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "sign_in_link_next" CHECK (next ~ '^/([^/\\\\]|$)'),
                CONSTRAINT "sign_in_link_scope" CHECK (scope IN ('full', 'practitioner_link')),
                CONSTRAINT "sign_in_link_purpose" CHECK (
                    purpose IN ('email', 'invitation', 'practitioner', 'demo')
                ),
                CONSTRAINT "PK_2e37c859be8a656fef206f62b27" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_70e02809dd11038da50c4d38f8" ON "sign_in_link" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "sign_in_link_by_person" ON "sign_in_link" ("person_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "orientation_request"
            ADD "created_by_person_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "request_event"
            ADD "actor_person_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "request_access"
            ADD "person_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "person"
            ADD CONSTRAINT "FK_ced802fe7d3cbbcc4b4aebb73d1" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "person"
            ADD CONSTRAINT "FK_45bb2881554e418ae0667ddab9d" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_5c6e00902a1344d01a8d90f33cf" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session"
            ADD CONSTRAINT "FK_c9fb479d9c0c4d166a795ac2964" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sign_in_link"
            ADD CONSTRAINT "FK_cc2a3b6125afd0dbc8ac169a885" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sign_in_link"
            ADD CONSTRAINT "FK_58e2696c6d1f151c5f1ee41a4f5" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON "${table}" TO cpts_tenant
                USING (cpts_id = current_cpts_id()) WITH CHECK (cpts_id = current_cpts_id())`);
    }
    await queryRunner.query(`REVOKE ALL ON "link_key", "sign_in_attempt" FROM cpts_tenant`);
    await queryRunner.query(`REVOKE ALL ON SEQUENCE "sign_in_attempt_id_seq" FROM cpts_tenant`);
    await queryRunner.query(`
            INSERT INTO "link_key" (id, secret)
            VALUES (1, uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
    }
    await queryRunner.query(`
            ALTER TABLE "sign_in_link" DROP CONSTRAINT "FK_58e2696c6d1f151c5f1ee41a4f5"
        `);
    await queryRunner.query(`
            ALTER TABLE "sign_in_link" DROP CONSTRAINT "FK_cc2a3b6125afd0dbc8ac169a885"
        `);
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_c9fb479d9c0c4d166a795ac2964"
        `);
    await queryRunner.query(`
            ALTER TABLE "session" DROP CONSTRAINT "FK_5c6e00902a1344d01a8d90f33cf"
        `);
    await queryRunner.query(`
            ALTER TABLE "person" DROP CONSTRAINT "FK_45bb2881554e418ae0667ddab9d"
        `);
    await queryRunner.query(`
            ALTER TABLE "person" DROP CONSTRAINT "FK_ced802fe7d3cbbcc4b4aebb73d1"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_access" DROP COLUMN "person_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_event" DROP COLUMN "actor_person_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "orientation_request" DROP COLUMN "created_by_person_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sign_in_link_by_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_70e02809dd11038da50c4d38f8"
        `);
    await queryRunner.query(`
            DROP TABLE "sign_in_link"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sign_in_attempt_by_email"
        `);
    await queryRunner.query(`
            DROP TABLE "sign_in_attempt"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."session_by_person"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a83507eb0338ac037780e02f2b"
        `);
    await queryRunner.query(`
            DROP TABLE "session"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."person_email_per_cpts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."person_per_practitioner"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."person_by_rpps"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."person_by_email"
        `);
    await queryRunner.query(`
            DROP TABLE "person"
        `);
    await queryRunner.query(`
            DROP TABLE "link_key"
        `);
  }
}
