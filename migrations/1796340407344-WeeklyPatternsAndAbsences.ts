import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['weekly_pattern', 'absence'];

/**
 * Weekly patterns from which urgent slots are generated, absences (Paris days without generated
 * slots), and the pattern a slot came from. Both tables are tenant tables under row-level security.
 */
export class WeeklyPatternsAndAbsences1796340407344 implements MigrationInterface {
  name = 'WeeklyPatternsAndAbsences1796340407344';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "weekly_pattern" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "practitioner_id" uuid NOT NULL,
                "weekday" smallint NOT NULL,
                "start_time" TIME NOT NULL,
                "end_time" TIME NOT NULL,
                "slot_minutes" smallint NOT NULL,
                "mode" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "weekly_pattern_mode" CHECK (
                    mode IN ('in_person', 'teleconsultation', 'home_visit')
                ),
                CONSTRAINT "weekly_pattern_slot_minutes" CHECK (
                    slot_minutes BETWEEN 5 AND 240
                ),
                CONSTRAINT "weekly_pattern_times" CHECK (end_time > start_time),
                CONSTRAINT "weekly_pattern_weekday" CHECK (
                    weekday BETWEEN 1 AND 7
                ),
                CONSTRAINT "PK_62e6403bb763c3dfc2203b2b970" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_82a3120f9e4d77e7d6e4f76e32" ON "weekly_pattern" ("practitioner_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "absence" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "practitioner_id" uuid NOT NULL,
                "from_date" date NOT NULL,
                "to_date" date NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "absence_dates" CHECK (to_date >= from_date),
                CONSTRAINT "PK_30089b15c0f880f026581218c16" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_98d2c92698f26c9d37737ab7a5" ON "absence" ("practitioner_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "slot"
            ADD "pattern_id" uuid
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3208567df16f711bc1dfebf687" ON "slot" ("pattern_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "weekly_pattern"
            ADD CONSTRAINT "FK_82a3120f9e4d77e7d6e4f76e328" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "weekly_pattern"
            ADD CONSTRAINT "FK_b95c1009a37cbd62aae3852229d" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "slot"
            ADD CONSTRAINT "FK_3208567df16f711bc1dfebf6871" FOREIGN KEY ("pattern_id") REFERENCES "weekly_pattern"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "absence"
            ADD CONSTRAINT "FK_98d2c92698f26c9d37737ab7a51" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "absence"
            ADD CONSTRAINT "FK_9179704253073f1b2780c08483d" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
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
            ALTER TABLE "absence" DROP CONSTRAINT "FK_9179704253073f1b2780c08483d"
        `);
    await queryRunner.query(`
            ALTER TABLE "absence" DROP CONSTRAINT "FK_98d2c92698f26c9d37737ab7a51"
        `);
    await queryRunner.query(`
            ALTER TABLE "slot" DROP CONSTRAINT "FK_3208567df16f711bc1dfebf6871"
        `);
    await queryRunner.query(`
            ALTER TABLE "weekly_pattern" DROP CONSTRAINT "FK_b95c1009a37cbd62aae3852229d"
        `);
    await queryRunner.query(`
            ALTER TABLE "weekly_pattern" DROP CONSTRAINT "FK_82a3120f9e4d77e7d6e4f76e328"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3208567df16f711bc1dfebf687"
        `);
    await queryRunner.query(`
            ALTER TABLE "slot" DROP COLUMN "pattern_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_98d2c92698f26c9d37737ab7a5"
        `);
    await queryRunner.query(`
            DROP TABLE "absence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_82a3120f9e4d77e7d6e4f76e32"
        `);
    await queryRunner.query(`
            DROP TABLE "weekly_pattern"
        `);
  }
}
