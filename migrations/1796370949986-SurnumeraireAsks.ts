import { MigrationInterface, QueryRunner } from 'typeorm';

export class SurnumeraireAsks1796370949986 implements MigrationInterface {
  name = 'SurnumeraireAsks1796370949986';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "offer"
            ADD "starts_at" TIMESTAMP WITH TIME ZONE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "offer" DROP COLUMN "starts_at"
        `);
  }
}
