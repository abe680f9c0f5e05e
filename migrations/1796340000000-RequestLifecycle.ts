import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request lifecycle in the database: a status change that src/orientation/request-lifecycle.ts
 * does not allow is refused, whatever path wrote it. test/request-lifecycle.test.ts checks that the
 * two tables agree on every pair.
 */
export class RequestLifecycle1796340000000 implements MigrationInterface {
  name = 'RequestLifecycle1796340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION request_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (OLD.status, NEW.status) NOT IN (
                    ('pending', 'offered'), ('pending', 'booked'), ('pending', 'assigned'),
                    ('pending', 'unmet'), ('pending', 'redirected'), ('pending', 'cancelled'),
                    ('offered', 'pending'), ('offered', 'assigned'), ('offered', 'unmet'),
                    ('offered', 'redirected'), ('offered', 'cancelled'),
                    ('unmet', 'booked'), ('unmet', 'assigned'), ('unmet', 'redirected'),
                    ('unmet', 'cancelled'),
                    ('booked', 'redirected'), ('booked', 'cancelled'),
                    ('assigned', 'cancelled')
                ) THEN
                    RAISE EXCEPTION 'a % request cannot become %', OLD.status, NEW.status
                        USING ERRCODE = '23514';
                END IF;
                RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER request_status_transition
            BEFORE UPDATE OF status ON orientation_request
            FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
            EXECUTE FUNCTION request_status_transition()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER request_status_transition ON orientation_request`);
    await queryRunner.query(`DROP FUNCTION request_status_transition()`);
  }
}
