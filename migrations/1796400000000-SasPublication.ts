import { MigrationInterface, QueryRunner } from 'typeorm';
import { STRUCTURE_ID_CHECK } from '../src/availability/practice-structure';

/**
 * What the SAS platform's slot search (src/sas) needs: the CPTS's FINESS and phone, each GP's
 * consent to publish and their practice's structure identifier, and the indexes of the search.
 */
export class SasPublication1796400000000 implements MigrationInterface {
  name = 'SasPublication1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cpts" ADD "finess" text`);
    await queryRunner.query(`ALTER TABLE "cpts" ADD "phone" text`);
    await queryRunner.query(
      `ALTER TABLE "cpts" ADD CONSTRAINT "cpts_finess_format" CHECK (finess ~ '^[0-9]{9}$')`,
    );
    await queryRunner.query(
      `ALTER TABLE "cpts" ADD CONSTRAINT "cpts_phone_format" CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$')`,
    );
    await queryRunner.query(
      `ALTER TABLE "practitioner" ADD "sas_publication" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "practitioner" ADD "structure_id_type" text`);
    await queryRunner.query(`ALTER TABLE "practitioner" ADD "structure_id" text`);
    await queryRunner.query(
      `ALTER TABLE "practitioner" ADD CONSTRAINT "practitioner_structure_id" CHECK (${STRUCTURE_ID_CHECK})`,
    );
    await queryRunner.query(
      `CREATE INDEX "practitioner_sas_by_rpps" ON "practitioner" ("rpps") WHERE sas_publication AND active`,
    );
    await queryRunner.query(
      `CREATE INDEX "slot_free_by_practitioner_start" ON "slot" ("practitioner_id", "starts_at") WHERE status = 'free'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "slot_free_by_practitioner_start"`);
    await queryRunner.query(`DROP INDEX "practitioner_sas_by_rpps"`);
    await queryRunner.query(
      `ALTER TABLE "practitioner" DROP CONSTRAINT "practitioner_structure_id"`,
    );
    await queryRunner.query(`ALTER TABLE "practitioner" DROP COLUMN "structure_id"`);
    await queryRunner.query(`ALTER TABLE "practitioner" DROP COLUMN "structure_id_type"`);
    await queryRunner.query(`ALTER TABLE "practitioner" DROP COLUMN "sas_publication"`);
    await queryRunner.query(`ALTER TABLE "cpts" DROP CONSTRAINT "cpts_phone_format"`);
    await queryRunner.query(`ALTER TABLE "cpts" DROP CONSTRAINT "cpts_finess_format"`);
    await queryRunner.query(`ALTER TABLE "cpts" DROP COLUMN "phone"`);
    await queryRunner.query(`ALTER TABLE "cpts" DROP COLUMN "finess"`);
  }
}
