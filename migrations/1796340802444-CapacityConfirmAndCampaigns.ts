import { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = ['campaign', 'campaign_recipient'];

/**
 * The questionnaire campaigns (tenant tables under row-level security; one recipient row per GP
 * and campaign) and whether a GP takes part in unscheduled care (null: not said).
 */
export class CapacityConfirmAndCampaigns1796340802444 implements MigrationInterface {
  name = 'CapacityConfirmAndCampaigns1796340802444';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "campaign" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "campaign_latest_per_cpts" ON "campaign" ("cpts_id", "sent_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "campaign_recipient" (
                "campaign_id" uuid NOT NULL,
                "practitioner_id" uuid NOT NULL,
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "answered_at" TIMESTAMP WITH TIME ZONE,
                "reminded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_d00b0c08e6bc8894de863be3416" PRIMARY KEY ("campaign_id", "practitioner_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "campaign_recipient_to_remind" ON "campaign_recipient" ("campaign_id")
            WHERE answered_at IS NULL
                AND reminded_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "campaign_recipient_by_practitioner" ON "campaign_recipient" ("practitioner_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "practitioner"
            ADD "takes_urgent_care" boolean
        `);
    await queryRunner.query(`
            ALTER TABLE "campaign"
            ADD CONSTRAINT "FK_cd01944af5dd96d35a1c1695696" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "campaign_recipient"
            ADD CONSTRAINT "FK_8abe7fee00176c5ca2263be600e" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "campaign_recipient"
            ADD CONSTRAINT "FK_fd6eee1d74f502a701c5927e959" FOREIGN KEY ("practitioner_id") REFERENCES "practitioner"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "campaign_recipient"
            ADD CONSTRAINT "FK_b4d50f780a5d98e40960f451725" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
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
            ALTER TABLE "campaign_recipient" DROP CONSTRAINT "FK_b4d50f780a5d98e40960f451725"
        `);
    await queryRunner.query(`
            ALTER TABLE "campaign_recipient" DROP CONSTRAINT "FK_fd6eee1d74f502a701c5927e959"
        `);
    await queryRunner.query(`
            ALTER TABLE "campaign_recipient" DROP CONSTRAINT "FK_8abe7fee00176c5ca2263be600e"
        `);
    await queryRunner.query(`
            ALTER TABLE "campaign" DROP CONSTRAINT "FK_cd01944af5dd96d35a1c1695696"
        `);
    await queryRunner.query(`
            ALTER TABLE "practitioner" DROP COLUMN "takes_urgent_care"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."campaign_recipient_by_practitioner"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."campaign_recipient_to_remind"
        `);
    await queryRunner.query(`
            DROP TABLE "campaign_recipient"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."campaign_latest_per_cpts"
        `);
    await queryRunner.query(`
            DROP TABLE "campaign"
        `);
  }
}
