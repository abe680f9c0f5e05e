import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every domain row's CPTS exists: a foreign key from each tenant column to cpts (row-level
 * security already kept tenants to their own CPTS; this holds for the system paths too, such as
 * the CLI and the sweeps, and forbids deleting a CPTS that still owns rows).
 */
export class TenantForeignKeys1796288864822 implements MigrationInterface {
  name = 'TenantForeignKeys1796288864822';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "practitioner"
            ADD CONSTRAINT "FK_42ea7bfc4a456da519d3fc22458" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "access_token"
            ADD CONSTRAINT "FK_3fe213526865b5394a29b548388" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "availability_event"
            ADD CONSTRAINT "FK_0a041c5a7d88446761ab9716a09" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "FK_be8d3fe254a2119aeb9223cb5c3" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "slot"
            ADD CONSTRAINT "FK_3705553934568dfd6d9ef3a8d7f" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "FK_aa0034062aa3f74d1c2df20dcb7" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "orientation_request"
            ADD CONSTRAINT "FK_9ef15ca6b4306694bced8c43460" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment"
            ADD CONSTRAINT "FK_3d3a8f72c08d781fdab0a6f27c3" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "matching_decision"
            ADD CONSTRAINT "FK_7a38f0e5f20ee511bfa00b9343b" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "offer"
            ADD CONSTRAINT "FK_e97eb1b417cf9589dd46742f0eb" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request_event"
            ADD CONSTRAINT "FK_36c5092c9267db3bd52d34c2b5a" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "request_access"
            ADD CONSTRAINT "FK_92b31111ffeb3dbb0419f861dc8" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "request_access" DROP CONSTRAINT "FK_92b31111ffeb3dbb0419f861dc8"
        `);
    await queryRunner.query(`
            ALTER TABLE "request_event" DROP CONSTRAINT "FK_36c5092c9267db3bd52d34c2b5a"
        `);
    await queryRunner.query(`
            ALTER TABLE "offer" DROP CONSTRAINT "FK_e97eb1b417cf9589dd46742f0eb"
        `);
    await queryRunner.query(`
            ALTER TABLE "matching_decision" DROP CONSTRAINT "FK_7a38f0e5f20ee511bfa00b9343b"
        `);
    await queryRunner.query(`
            ALTER TABLE "appointment" DROP CONSTRAINT "FK_3d3a8f72c08d781fdab0a6f27c3"
        `);
    await queryRunner.query(`
            ALTER TABLE "orientation_request" DROP CONSTRAINT "FK_9ef15ca6b4306694bced8c43460"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "FK_aa0034062aa3f74d1c2df20dcb7"
        `);
    await queryRunner.query(`
            ALTER TABLE "slot" DROP CONSTRAINT "FK_3705553934568dfd6d9ef3a8d7f"
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_be8d3fe254a2119aeb9223cb5c3"
        `);
    await queryRunner.query(`
            ALTER TABLE "availability_event" DROP CONSTRAINT "FK_0a041c5a7d88446761ab9716a09"
        `);
    await queryRunner.query(`
            ALTER TABLE "access_token" DROP CONSTRAINT "FK_3fe213526865b5394a29b548388"
        `);
    await queryRunner.query(`
            ALTER TABLE "practitioner" DROP CONSTRAINT "FK_42ea7bfc4a456da519d3fc22458"
        `);
  }
}
