import { DEFAULT_REDIS_URL } from './service-addresses';
import { REDIS_URL } from './services';

const url = REDIS_URL ?? '';
const titled = (name: string) =>
  url
    ? name
    : `${name} (skipped: no Redis for this run, REDIS_URL unset and none at ${DEFAULT_REDIS_URL})`;

/**
 * A suite about Redis itself. Without Redis it is registered skipped, its reason in its name,
 * which the run's summary lists (test/support/skipped-tests-reporter.js).
 */
export function describeWithRedis(name: string, suite: (redisUrl: string) => void): void {
  const declare = url ? describe : describe.skip;
  declare(titled(name), () => suite(url));
}

/** A test about Redis itself, registered as describeWithRedis registers a suite. */
export function itWithRedis(name: string, test: (redisUrl: string) => Promise<void>): void {
  const declare = url ? it : it.skip;
  declare(titled(name), () => test(url));
}
