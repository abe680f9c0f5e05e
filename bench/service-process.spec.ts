import { spawnSync } from 'node:child_process';

import { startCommand } from './service-process';

describe('the service as the bench starts it', () => {
  it('runs the built service with the Node flags of npm start, the old space uncapped', () => {
    const { nodeFlags, script } = startCommand();
    expect(script).toMatch(/\/dist\/src\/main\.js$/);
    expect(nodeFlags.some((flag) => flag.startsWith('--max-semi-space-size='))).toBe(true);
    expect(nodeFlags.some((flag) => /^--max-(old-space|heap)-size/.test(flag))).toBe(false);
  });

  it('has flags this Node accepts (a V8 flag may go with a Node upgrade: node then refuses to start)', () => {
    const { nodeFlags } = startCommand();
    const run = spawnSync(process.execPath, [...nodeFlags, '-e', ''], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('reads the flags between node and the script', () => {
    expect(startCommand('node --a=1  --b dist/x.js')).toEqual({
      nodeFlags: ['--a=1', '--b'],
      script: expect.stringMatching(/\/dist\/x\.js$/),
    });
    expect(startCommand('node dist/x.js').nodeFlags).toEqual([]);
  });

  it('refuses a start script of another shape', () => {
    expect(() => startCommand('nest start')).toThrow(/node \[flags\]/);
    expect(() => startCommand('node -r x dist/x.js')).toThrow(/"-r"/);
  });
});
