import { MigrationInterface, QueryRunner } from 'typeorm';

export class SasBooking1796372500000 implements MigrationInterface {
  name = 'SasBooking1796372500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "person" DROP CONSTRAINT "person_role"
        `);
    await queryRunner.query(`
            ALTER TABLE "person"
            ADD CONSTRAINT "person_role" CHECK (
                    role IN ('coordinator', 'operator', 'practitioner', 'regulator')
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "notification_channel"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "notification_channel" CHECK (channel IN ('sms', 'email', 'webhook', 'sas'))
        `);
    await queryRunner.query(`
            ALTER TABLE "orientation_request"
            ADD "sas_regulator_person_id" uuid,
            ADD "sas_regulator_national_id" text,
            ADD "sas_origin" text
        `);
    await queryRunner.query(`
            ALTER TABLE "orientation_request"
            ADD CONSTRAINT "orientation_request_sas_regulator" CHECK (
                    (sas_regulator_person_id IS NULL) = (sas_regulator_national_id IS NULL)
                    AND (sas_origin IS NULL OR sas_regulator_person_id IS NOT NULL)
                    AND (sas_regulator_national_id IS NULL OR sas_regulator_national_id ~ '^8[0-9]{11}$')
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "orientation_request" DROP CONSTRAINT "orientation_request_sas_regulator"
        `);
    await queryRunner.query(`
            ALTER TABLE "orientation_request" DROP COLUMN "sas_origin",
            DROP COLUMN "sas_regulator_national_id",
            DROP COLUMN "sas_regulator_person_id"
        `);
    await queryRunner.query(`DELETE FROM "notification" WHERE channel = 'sas'`);
    await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "notification_channel"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "notification_channel" CHECK (channel IN ('sms', 'email', 'webhook'))
        `);
    await queryRunner.query(`DELETE FROM "person" WHERE role = 'regulator'`);
    await queryRunner.query(`
            ALTER TABLE "person" DROP CONSTRAINT "person_role"
        `);
    await queryRunner.query(`
            ALTER TABLE "person"
            ADD CONSTRAINT "person_role" CHECK (
                    role IN ('coordinator', 'operator', 'practitioner')
                )
        `);
  }
}
