import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job that made a notification's last claim: a row may travel in a batch job and in its own
 * job at once (the sweep, healing), and only the holder of an attempt in flight may claim it again.
 */
export class NotificationClaimHolder1796438369062 implements MigrationInterface {
  name = 'NotificationClaimHolder1796438369062';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD "claimed_by" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification" DROP COLUMN "claimed_by"
        `);
  }
}
