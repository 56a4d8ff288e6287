// Running generated programs never hangs the reality check and never ends it
// with an exception: a program that outlives its timeout is killed together
// with the processes it forked, and a compiler or program that cannot be
// started is reported as not run, with the reason.
import { describe, expect, it } from 'vitest';
import { compileAndRunAll, findCompiler } from '../../reality/run-c.js';

const cc = findCompiler();

// Prints a TAP header, forks a child that sleeps holding stdout, and sleeps.
const HANGS = `#include <stdio.h>
#include <unistd.h>
int main(void)
{
	printf("TAP version 13\\n1..1\\n");
	fflush(stdout);
	if (fork() == 0)
		sleep(60);
	sleep(60);
	return 0;
}
`;

describe('compileAndRunAll', () => {
  it('kills a program and its forked children at the timeout, and says so', async (ctx) => {
    if (!cc) ctx.skip('no C compiler (cc) on PATH');
    const t0 = performance.now();
    const [r] = await compileAndRunAll([{ name: 'hangs', source: HANGS }], { runTimeoutMs: 500 });
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r).toEqual({ kind: 'not-run', message: expect.stringMatching(/^hangs: .*killed after 0\.5 s$/) });
  });

  it('reports a compiler that cannot be started as not run', async () => {
    const [r] = await compileAndRunAll([{ name: 'x', source: 'int main(void) { return 0; }\n' }], { cc: '/nonexistent/cc' });
    expect(r).toEqual({ kind: 'not-run', message: expect.stringMatching(/^x: \/nonexistent\/cc: cannot start: .*ENOENT/) });
  });

  it('reports a compile error with the compiler output', async (ctx) => {
    if (!cc) ctx.skip('no C compiler (cc) on PATH');
    const [r] = await compileAndRunAll([{ name: 'bad', source: 'int main(void) { return nope; }\n' }]);
    expect(r.kind).toBe('not-run');
    expect(r.kind === 'not-run' && r.message).toMatch(/^bad: cc failed:\n.*nope/s);
  });
});
