// Runs an embedded PostgreSQL until SIGTERM: `node -r ts-node/register … <dataDir> <port>`.
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
void startEmbeddedPostgres(dataDir, Number(port), () => undefined).then((db) => {
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void db.stop().then(() => process.exit(0)));
});
