import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['redirect_target', 'callback_task'];

/**
 * The operator console's calls: redirect targets and callback tasks (tenant tables under
 * row-level security), requests by who filed them, and unaccent for searching last names.
 */
export class CallsAndRedirectTargets1796369365495 implements MigrationInterface {
  name = 'CallsAndRedirectTargets1796369365495';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`
            CREATE TABLE "callback_task" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "request_id" uuid NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "note" text NOT NULL DEFAULT '',
                "created_by_person_id" uuid,
                "created_by_token_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "done_at" TIMESTAMP WITH TIME ZONE,
                "done_by_person_id" uuid,
                "done_by_token_id" uuid,
                CONSTRAINT "PK_c90c665933e5d1fed226fd29b3f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "callback_task_by_request" ON "callback_task" ("request_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "callback_task_due" ON "callback_task" ("cpts_id", "due_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "redirect_target" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "name" text NOT NULL,
                "kind" text NOT NULL,
                "phone" text,
                "address" text,
                "commune_code" text,
                "hours" jsonb NOT NULL DEFAULT '[]',
                "note" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "redirect_target_hours" CHECK (jsonb_typeof(hours) = 'array'),
                CONSTRAINT "redirect_target_kind" CHECK (
                    kind IN ('mmg', 'teleconsultation', 'emergency', 'other')
                ),
                CONSTRAINT "PK_df888a8c9fc0b834d86f318cb21" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "redirect_target_by_name" ON "redirect_target" ("cpts_id", "name")
        `);
    await queryRunner.query(`
            CREATE INDEX "orientation_request_by_creator" ON "orientation_request" ("created_by_person_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "callback_task"
            ADD CONSTRAINT "FK_091ad2a55d94affb41fecac7c36" FOREIGN KEY ("request_id") REFERENCES "orientation_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "callback_task"
            ADD CONSTRAINT "FK_9735e3e6fb827cea45d1a0e11bd" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "redirect_target"
            ADD CONSTRAINT "FK_bb7ac914f1088d365af9ad833cd" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON "${table}" TO cpts_tenant
                USING (cpts_id = current_cpts_id()) WITH CHECK (cpts_id = current_cpts_id())`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
    }
    await queryRunner.query(`
            ALTER TABLE "redirect_target" DROP CONSTRAINT "FK_bb7ac914f1088d365af9ad833cd"
        `);
    await queryRunner.query(`
            ALTER TABLE "callback_task" DROP CONSTRAINT "FK_9735e3e6fb827cea45d1a0e11bd"
        `);
    await queryRunner.query(`
            ALTER TABLE "callback_task" DROP CONSTRAINT "FK_091ad2a55d94affb41fecac7c36"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."orientation_request_by_creator"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."redirect_target_by_name"
        `);
    await queryRunner.query(`
            DROP TABLE "redirect_target"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."callback_task_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."callback_task_by_request"
        `);
    await queryRunner.query(`
            DROP TABLE "callback_task"
        `);
  }
}
