import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables the SAS reader role reads, the columns it may read, and which rows it sees. */
const SAS_READER_POLICIES: Array<[string, string, string]> = [
  ['cpts', 'id, name, finess, phone', 'true'],
  [
    'practitioner',
    `id, cpts_id, rpps, first_name, last_name, phone, address, commune_code,
     structure_id_type, structure_id, sas_publication, active`,
    'sas_publication AND active',
  ],
  ['slot', 'id, cpts_id, practitioner_id, starts_at, ends_at, mode, status', `status = 'free'`],
];

/**
 * What the SAS platform's slot search (src/sas) needs: the CPTS's FINESS and phone, each GP's
 * consent to publish and their practice's structure identifier, the indexes of the search, and
 * the role it runs as (src/sas/sas-slots.service.ts): it reads these three tables only, and sees
 * only consenting active GPs and free slots, whatever the query says.
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
      `ALTER TABLE "practitioner" ADD CONSTRAINT "practitioner_structure_id" CHECK (
                (structure_id_type IS NULL) = (structure_id IS NULL)
                AND (structure_id_type IS NULL
                  OR (structure_id_type = 'finess' AND structure_id ~ '^[0-9]{9}$')
                  OR (structure_id_type = 'siret' AND structure_id ~ '^[0-9]{14}$')
                  OR (structure_id_type = 'rpps_rang' AND structure_id ~ '^[0-9]{12,14}$')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "practitioner_sas_by_rpps" ON "practitioner" ("rpps") WHERE sas_publication AND active`,
    );
    await queryRunner.query(
      `CREATE INDEX "slot_free_by_practitioner_start" ON "slot" ("practitioner_id", "starts_at") WHERE status = 'free'`,
    );
    // Roles are shared by the whole server: another database may create it at the same time.
    await queryRunner.query(`
            DO $$ BEGIN
                CREATE ROLE cpts_sas_reader NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
        `);
    await queryRunner.query(`
            DO $$ BEGIN
                IF NOT pg_has_role(current_user, 'cpts_sas_reader', 'MEMBER') THEN
                    EXECUTE format('GRANT cpts_sas_reader TO %I', current_user);
                END IF;
            END $$
        `);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO cpts_sas_reader`);
    for (const [table, columns, visible] of SAS_READER_POLICIES) {
      await queryRunner.query(`GRANT SELECT (${columns}) ON "${table}" TO cpts_sas_reader`);
      await queryRunner.query(
        `CREATE POLICY sas_reader ON "${table}" FOR SELECT TO cpts_sas_reader USING (${visible})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, columns] of SAS_READER_POLICIES) {
      await queryRunner.query(`DROP POLICY sas_reader ON "${table}"`);
      await queryRunner.query(`REVOKE SELECT (${columns}) ON "${table}" FROM cpts_sas_reader`);
    }
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM cpts_sas_reader`);
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
