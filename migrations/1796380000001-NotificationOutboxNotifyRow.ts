import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox notification carries what the relay needs to enqueue the row (id, channel, send_at),
 * so that the relay no longer reads back the rows it has just been told about.
 */
export class NotificationOutboxNotifyRow1796380000001 implements MigrationInterface {
  name = 'NotificationOutboxNotifyRow1796380000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION notify_notification_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('notification_outbox', json_build_object(
                    'id', NEW.id, 'channel', NEW.channel, 'sendAt', NEW.send_at)::text);
                RETURN NEW;
            END $$
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE OR REPLACE FUNCTION notify_notification_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('notification_outbox', NEW.id::text);
                RETURN NEW;
            END $$
        `);
  }
}
