import { MigrationInterface, QueryRunner } from 'typeorm';

export class RequestAccessLog1795457425325 implements MigrationInterface {
  name = 'RequestAccessLog1795457425325';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "request_access" (
                "id" BIGSERIAL NOT NULL,
                "cpts_id" uuid NOT NULL DEFAULT current_cpts_id(),
                "request_id" uuid NOT NULL,
                "token_id" uuid,
                "action" text NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5455f2322ab38b4730f55e25d3e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "request_access_by_request" ON "request_access" ("request_id", "at")
        `);
    await queryRunner.query(`ALTER TABLE "request_access" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY tenant_isolation ON "request_access" TO cpts_tenant
            USING (cpts_id = current_cpts_id()) WITH CHECK (cpts_id = current_cpts_id())`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE request_access_id_seq TO cpts_tenant`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "request_access" FROM cpts_tenant`);
    // Privileges do not bind the table's owner: a trigger makes the log append-only for every role.
    await queryRunner.query(`
            CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER request_access_append_only BEFORE UPDATE OR DELETE ON "request_access"
            FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite()
        `);
    await queryRunner.query(`
            CREATE TRIGGER request_access_no_truncate BEFORE TRUNCATE ON "request_access"
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "request_access"`);
    await queryRunner.query(`DROP FUNCTION refuse_audit_rewrite()`);
  }
}
