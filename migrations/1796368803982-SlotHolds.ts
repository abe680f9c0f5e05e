import { MigrationInterface, QueryRunner } from 'typeorm';

/** The request lifecycle with `held` (src/orientation/request-lifecycle.ts), as the trigger checks it. */
function transitionFunction(pairs: string): string {
  return `CREATE OR REPLACE FUNCTION request_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (OLD.status, NEW.status) NOT IN (${pairs}) THEN
                    RAISE EXCEPTION 'a % request cannot become %', OLD.status, NEW.status
                        USING ERRCODE = '23514';
                END IF;
                RETURN NEW;
            END $$`;
}

const BEFORE = `
    ('pending', 'offered'), ('pending', 'booked'), ('pending', 'assigned'),
    ('pending', 'unmet'), ('pending', 'redirected'), ('pending', 'cancelled'),
    ('offered', 'pending'), ('offered', 'assigned'), ('offered', 'unmet'),
    ('offered', 'redirected'), ('offered', 'cancelled'),
    ('unmet', 'booked'), ('unmet', 'assigned'), ('unmet', 'redirected'), ('unmet', 'cancelled'),
    ('booked', 'redirected'), ('booked', 'cancelled'),
    ('assigned', 'cancelled')`;

const WITH_HOLDS = `${BEFORE},
    ('pending', 'held'),
    ('held', 'pending'), ('held', 'booked'), ('held', 'redirected'), ('held', 'cancelled'),
    ('offered', 'booked')`;

/**
 * Propose, then confirm: a slot held for a request while the patient agrees to it (tenant table
 * under row-level security), the `held` status of slots and requests, and the `proposal` source
 * of appointments.
 */

export class SlotHolds1796368803982 implements MigrationInterface {
  name = 'SlotHolds1796368803982';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "slot_hold" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "slot_id" uuid NOT NULL,
                "request_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "why" text NOT NULL,
                "distance_km" real,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "slot_hold_expiry" CHECK (expires_at > created_at),
                CONSTRAINT "PK_4595e2a8bb79ca2fb7d9b0d103b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "slot_hold_per_slot" ON "slot_hold" ("slot_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "slot_hold_per_request" ON "slot_hold" ("request_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "slot_hold_by_expiry" ON "slot_hold" ("expires_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "slot_hold"
            ADD CONSTRAINT "FK_5d580aa19330ff044b1b293af89" FOREIGN KEY ("slot_id") REFERENCES "slot"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "slot_hold"
            ADD CONSTRAINT "FK_8532841be77e45e33cd464e7148" FOREIGN KEY ("request_id") REFERENCES "orientation_request"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "slot_hold"
            ADD CONSTRAINT "FK_cfd166e49ddbc68f618902a791a" FOREIGN KEY ("cpts_id") REFERENCES "cpts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`ALTER TABLE "slot_hold" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY tenant_isolation ON "slot_hold" TO cpts_tenant
                USING (cpts_id = current_cpts_id()) WITH CHECK (cpts_id = current_cpts_id())`);
    await queryRunner.query(`ALTER TABLE "slot" DROP CONSTRAINT "slot_status"`);
    await queryRunner.query(`ALTER TABLE "slot" ADD CONSTRAINT "slot_status"
                CHECK (status IN ('free', 'held', 'booked'))`);
    await queryRunner.query(
      `ALTER TABLE "orientation_request" DROP CONSTRAINT "orientation_request_status"`,
    );
    await queryRunner.query(`ALTER TABLE "orientation_request" ADD CONSTRAINT "orientation_request_status"
                CHECK (status IN ('pending', 'held', 'offered', 'booked', 'assigned', 'unmet', 'redirected', 'cancelled'))`);
    await queryRunner.query(`ALTER TABLE "appointment" DROP CONSTRAINT "appointment_source"`);
    await queryRunner.query(`ALTER TABLE "appointment" ADD CONSTRAINT "appointment_source"
                CHECK (source IN ('matching', 'proposal', 'coordinator_slot', 'surnumeraire'))`);
    await queryRunner.query(transitionFunction(WITH_HOLDS));
    // A slot is `held` exactly while a hold names it, and a request is `held` exactly while it has
    // one: checked at commit, whatever wrote the rows.
    await queryRunner.query(`
            CREATE FUNCTION slot_hold_consistent() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                held_slot uuid;
                held_request uuid;
            BEGIN
                IF TG_TABLE_NAME = 'slot' THEN
                    held_slot := NEW.id;
                ELSIF TG_TABLE_NAME = 'orientation_request' THEN
                    held_request := NEW.id;
                ELSE
                    held_slot := COALESCE(NEW.slot_id, OLD.slot_id);
                    held_request := COALESCE(NEW.request_id, OLD.request_id);
                END IF;
                IF held_slot IS NOT NULL AND EXISTS (
                    SELECT 1 FROM slot s WHERE s.id = held_slot
                       AND (s.status = 'held') <> EXISTS (SELECT 1 FROM slot_hold h WHERE h.slot_id = s.id)
                ) THEN
                    RAISE EXCEPTION 'slot % is held without a hold, or has a hold without being held', held_slot
                        USING ERRCODE = '23514';
                END IF;
                IF held_request IS NOT NULL AND EXISTS (
                    SELECT 1 FROM orientation_request r WHERE r.id = held_request
                       AND (r.status = 'held') <> EXISTS (SELECT 1 FROM slot_hold h WHERE h.request_id = r.id)
                ) THEN
                    RAISE EXCEPTION 'request % is held without a hold, or has a hold without being held', held_request
                        USING ERRCODE = '23514';
                END IF;
                RETURN NULL;
            END $$
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER slot_hold_consistent AFTER INSERT OR DELETE ON slot_hold
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slot_hold_consistent()
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER slot_hold_consistent AFTER UPDATE OF status ON slot
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
            WHEN (OLD.status = 'held' OR NEW.status = 'held')
            EXECUTE FUNCTION slot_hold_consistent()
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER slot_hold_consistent AFTER UPDATE OF status ON orientation_request
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
            WHEN (OLD.status = 'held' OR NEW.status = 'held')
            EXECUTE FUNCTION slot_hold_consistent()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER slot_hold_consistent ON orientation_request`);
    await queryRunner.query(`DROP TRIGGER slot_hold_consistent ON slot`);
    await queryRunner.query(`DROP TRIGGER slot_hold_consistent ON slot_hold`);
    await queryRunner.query(`DROP FUNCTION slot_hold_consistent()`);
    await queryRunner.query(transitionFunction(BEFORE));
    await queryRunner.query(`ALTER TABLE "appointment" DROP CONSTRAINT "appointment_source"`);
    await queryRunner.query(`ALTER TABLE "appointment" ADD CONSTRAINT "appointment_source"
                CHECK (source IN ('matching', 'coordinator_slot', 'surnumeraire'))`);
    await queryRunner.query(
      `ALTER TABLE "orientation_request" DROP CONSTRAINT "orientation_request_status"`,
    );
    await queryRunner.query(`ALTER TABLE "orientation_request" ADD CONSTRAINT "orientation_request_status"
                CHECK (status IN ('pending', 'offered', 'booked', 'assigned', 'unmet', 'redirected', 'cancelled'))`);
    await queryRunner.query(`ALTER TABLE "slot" DROP CONSTRAINT "slot_status"`);
    await queryRunner.query(
      `ALTER TABLE "slot" ADD CONSTRAINT "slot_status" CHECK (status IN ('free', 'booked'))`,
    );
    await queryRunner.query(`DROP POLICY tenant_isolation ON "slot_hold"`);
    await queryRunner.query(`
            ALTER TABLE "slot_hold" DROP CONSTRAINT "FK_cfd166e49ddbc68f618902a791a"
        `);
    await queryRunner.query(`
            ALTER TABLE "slot_hold" DROP CONSTRAINT "FK_8532841be77e45e33cd464e7148"
        `);
    await queryRunner.query(`
            ALTER TABLE "slot_hold" DROP CONSTRAINT "FK_5d580aa19330ff044b1b293af89"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."slot_hold_by_expiry"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."slot_hold_per_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."slot_hold_per_slot"
        `);
    await queryRunner.query(`
            DROP TABLE "slot_hold"
        `);
  }
}
