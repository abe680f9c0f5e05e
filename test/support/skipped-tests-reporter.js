const { relative } = require('node:path');

/** CI runs every test against real servers (test/support/global-setup.ts). */
const SERVICES_REQUIRED = ['1', 'true'].includes(process.env.CI ?? '');

/**
 * Lists every skipped test at the end of the run, with the reason its name carries, so that none
 * is skipped silently. In CI a skipped test fails the run.
 */
class SkippedTestsReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults
        .filter((test) => test.status === 'pending' || test.status === 'todo')
        .map((test) => `${relative(process.cwd(), file.testFilePath)}: ${test.fullName}`),
    );
    this.error = undefined;
    if (skipped.length === 0) return;
    const lines = skipped.map((test) => `  - ${test}\n`).join('');
    process.stderr.write(`\nSkipped tests (${skipped.length}):\n${lines}`);
    if (SERVICES_REQUIRED) {
      this.error = new Error(`CI=true: ${skipped.length} skipped, and CI runs every test`);
      process.stderr.write(`${this.error.message}\n`);
    }
  }

  getLastError() {
    return this.error;
  }
}

module.exports = SkippedTestsReporter;
