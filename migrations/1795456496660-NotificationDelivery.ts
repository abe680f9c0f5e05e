import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationDelivery1795456496660 implements MigrationInterface {
  name = 'NotificationDelivery1795456496660';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification" ADD "request_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD "send_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`ALTER TABLE "notification" ADD "dedupe_key" text`);
    await queryRunner.query(
      `ALTER TABLE "notification" ADD "attempt_started_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`UPDATE "notification" SET "send_at" = "created_at"`);
    await queryRunner.query(`DROP INDEX "public"."notification_pending"`);
    await queryRunner.query(`
            CREATE INDEX "notification_pending" ON "notification" ("send_at")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`CREATE INDEX "notification_request" ON "notification" ("request_id")`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "notification_dedupe_key" ON "notification" ("cpts_id", "dedupe_key")
            WHERE dedupe_key IS NOT NULL
        `);
    await queryRunner.query(`ALTER TABLE "access_token" ADD "webhook_url" text`);
    await queryRunner.query(`ALTER TABLE "access_token" ADD "webhook_secret" text`);
    await queryRunner.query(`
            ALTER TABLE "access_token"
            ADD CONSTRAINT "access_token_webhook" CHECK (
                webhook_url IS NULL OR (role = 'platform' AND webhook_secret IS NOT NULL)
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_token" DROP CONSTRAINT "access_token_webhook"`);
    await queryRunner.query(`ALTER TABLE "access_token" DROP COLUMN "webhook_secret"`);
    await queryRunner.query(`ALTER TABLE "access_token" DROP COLUMN "webhook_url"`);
    await queryRunner.query(`DROP INDEX "public"."notification_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."notification_request"`);
    await queryRunner.query(`DROP INDEX "public"."notification_pending"`);
    await queryRunner.query(`
            CREATE INDEX "notification_pending" ON "notification" ("created_at")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "attempt_started_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "dedupe_key"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "send_at"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP COLUMN "request_id"`);
  }
}
