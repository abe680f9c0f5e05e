// Fails when the entities and the migrations disagree: applies every migration to a scratch
// database and asks TypeORM whether it would generate anything more.
const { withScratchDatabase, typeorm } = require('./scratch-database');

withScratchDatabase('migration_check', async (url) => {
  if (typeorm(url, ['migration:run']) !== 0) return 1;
  return typeorm(url, ['migration:generate', 'migrations/Drift', '--check', '--pretty']);
})
  .then((status) => {
    if (status !== 0)
      console.error('Entities and migrations disagree: run npm run migration:generate.');
    process.exit(status);
  })
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
