import { MigrationInterface, QueryRunner } from 'typeorm';

export class AppointmentRecentByCpts1795457546693 implements MigrationInterface {
  name = 'AppointmentRecentByCpts1795457546693';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "appointment_recent_by_cpts" ON "appointment" ("cpts_id", "created_at")
            WHERE status = 'booked'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."appointment_recent_by_cpts"
        `);
  }
}
