import { MigrationInterface, QueryRunner } from 'typeorm';

/** A CPTS's open publication of its consenting GPs' slots (SMART Scheduling Links), off by default. */
export class SmartPublication1796410000000 implements MigrationInterface {
  name = 'SmartPublication1796410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "cpts" ADD "smart_publication" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "cpts" ADD CONSTRAINT "cpts_smart_publication_phone"
         CHECK (NOT smart_publication OR phone IS NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cpts" DROP CONSTRAINT "cpts_smart_publication_phone"`);
    await queryRunner.query(`ALTER TABLE "cpts" DROP COLUMN "smart_publication"`);
  }
}
