import { MigrationInterface, QueryRunner } from 'typeorm';

export class CommuneCentres1795455794218 implements MigrationInterface {
  name = 'CommuneCentres1795455794218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Reference data shared by every CPTS: no tenant column, no row-level security.
    await queryRunner.query(`
            CREATE TABLE "commune_centre" (
                "code" text NOT NULL,
                "latitude" double precision NOT NULL,
                "longitude" double precision NOT NULL,
                CONSTRAINT "commune_centre_point" CHECK (
                    latitude BETWEEN -90 AND 90
                    AND longitude BETWEEN -180 AND 180
                ),
                CONSTRAINT "PK_8a41daddcdadfb0fbfebba48575" PRIMARY KEY ("code")
            )
        `);
    // A tenant reads the centres; only the operators' CLI and the demo seeder write them.
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON "commune_centre" FROM cpts_tenant`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "commune_centre"
        `);
  }
}
